/* textnorm.h - match the pack's words against text however the text is
 * written (HW_PARENT, AS_NO_NEW_LESSON).
 *
 * Text and word are both folded before they are compared, one character at
 * a time: traditional characters the words and common homework texts use
 * become simplified (a compact table, not a full converter), full-width
 * ASCII becomes ASCII (NFKC for that range), Latin letters lower case, the
 * Kangxi radicals and compatibility ideographs that stand for those
 * characters their unified form; whitespace (also the ideographic space),
 * control characters and invisible format characters (zero-width spaces and
 * joiners, bidi marks and overrides, soft hyphen, BOM, variation selectors)
 * are dropped. So 请家長簽字, "请 家 长 签 字" and 请<U+200B>家长签字 all read
 * as 请家长签字. Pure: no allocation, no I/O. */
#ifndef SJ_TEXTNORM_H
#define SJ_TEXTNORM_H

#include <stdint.h>

/* The folded form of one code point, or 0 when it is dropped. */
uint32_t tnorm_fold(uint32_t cp);

/* Where word occurs in text once both are folded: a pointer into text at
 * the first byte of the match, or NULL (also for a NULL text, or a word that
 * folds to nothing). Invalid UTF-8 reads as U+FFFD, one byte at a time. */
const char *tnorm_find(const char *text, const char *word);

#endif
