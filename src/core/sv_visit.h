/* sv_visit.h - supervision visits (督导检查) and rectification notices
 * (整改通知) (seed 六; annex C items). Pure functions of plain values and
 * the pack: no clock, no I/O. Every verdict names its rule code:
 *   SV_RECTIFY   a notice is due default_days after its issue day unless the
 *                office names between 1 and max_days days; a notice not
 *                closed by a re-visit is overdue from the day after its
 *                deadline (the deadline day itself is still in time);
 *   SV_EVIDENCE  one evidence file is at most max_kb KiB (its type is read
 *                from the bytes by util/filesniff.h);
 *   SV_ITEM      a finding or a notice names C items of the pack's
 *                indicator table ("B10.2"); any other id is refused. */
#ifndef SJ_SV_VISIT_H
#define SJ_SV_VISIT_H

#include "policy/policy.h"

#include <stdbool.h>
#include <stddef.h>

/* Notice states: open 待整改, answered 已答复 (awaiting the re-visit),
 * closed 已销号 (a re-visit recorded its result). NULL-terminated. */
extern const char *const sv_notice_status_ids[];
/* A re-visit's result: rectified 整改到位, not_rectified 整改不到位. */
extern const char *const sv_result_ids[];
/* Most C items one notice may list. */
#define SV_MAX_NOTICE_ITEMS 30

/* The C item's text (the corrected reading when the pack has one), or NULL
 * when id is not a C item of the pack. Pointer into p->raw. */
const char *sv_item_text(const struct policy *p, const char *id);

/* SV_RECTIFY: the deadline of a notice issued on issued_on (YYYY-MM-DD)
 * after days (0: the pack's default) into out. 0, or -1 when days is
 * negative or above max_days, or issued_on is not a date. */
int sv_deadline(const struct policy *p, const char *issued_on, int days, char out[11]);

/* SV_RECTIFY: a notice in status with this deadline is overdue on today. */
bool sv_overdue(const char *deadline, const char *status, const char *today);

/* SV_EVIDENCE: a file of len bytes fits the pack's bound. */
bool sv_evidence_fits(const struct policy *p, size_t len);

#endif
