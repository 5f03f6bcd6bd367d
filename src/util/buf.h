/* buf.h - a growable byte buffer with a hard limit (after curl's dynbuf).
 * buf_add() refuses to grow past `limit` and reports it, so every limit on
 * input becomes a checked error (413), never a silent truncation. */
#ifndef SJ_BUF_H
#define SJ_BUF_H
#include <stddef.h>

struct buf {
	char *data; /* NUL-terminated when len > 0; owned */
	size_t len, cap, limit;
};

void buf_init(struct buf *b, size_t limit);
/* 0 on success; -1 when the result would pass the limit (buffer unchanged)
 * or memory ran out. */
int buf_add(struct buf *b, const void *p, size_t n);
int buf_addstr(struct buf *b, const char *s);
int buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_free(struct buf *b);

#endif
