/* log.h - one-line logs to stderr: time, level, message. Thread-safe. */
#ifndef SJ_LOG_H
#define SJ_LOG_H

void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* 0 = everything, 1 = warnings and errors, 2 = errors only. */
void log_set_level(int level);

#endif
