/* randtext.h - random text for codes people read and type: public notice
 * codes, activation codes. The alphabet has no look-alikes (no 0/o, 1/l/i),
 * and each character comes from the system's secure random source. */
#ifndef SJ_RANDTEXT_H
#define SJ_RANDTEXT_H

#include <stddef.h>

/* n characters and a NUL into out (n <= 64). group > 0 puts a '-' before
 * every group-th character after the first (xxxx-xxxx-xxxx): out then needs
 * n + (n - 1) / group + 1 bytes. */
void randtext(char *out, size_t n, size_t group);

#endif
