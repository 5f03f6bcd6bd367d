#include "util/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <time.h>

static int min_level;

void log_set_level(int level)
{
	min_level = level;
}

__attribute__((format(printf, 3, 0)))
static void emit(int level, const char *tag, const char *fmt, va_list ap)
{
	char msg[1024], stamp[32];
	struct timespec ts;
	struct tm tm;

	if (level < min_level)
		return;
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
	vsnprintf(msg, sizeof msg, fmt, ap);
	/* one fprintf call: stdio locks the stream, lines do not interleave */
	fprintf(stderr, "%s %s %s\n", stamp, tag, msg);
}

#define LOG_FN(name, level, tag)                    \
	void name(const char *fmt, ...)             \
	{                                           \
		va_list ap;                         \
		va_start(ap, fmt);                  \
		emit(level, tag, fmt, ap);          \
		va_end(ap);                         \
	}

LOG_FN(log_info, 0, "info")
LOG_FN(log_warn, 1, "warn")
LOG_FN(log_error, 2, "error")
