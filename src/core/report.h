/* report.h - public reports (举报) and teacher ethics (师德师风) rules
 * (DOMAIN.md "Off-campus training institutions", "Teacher ethics"; seed 四1,
 * 四3, B25). Pure: dates are days since 1970-01-01 passed in by the caller;
 * every number comes from the pack.
 *
 *   RP_ANSWER_DEADLINE  a report is answered within answer_days calendar days
 *                       of the day it was filed (filed + answer_days is the
 *                       last day in time); one still unanswered after that
 *                       day is overdue.
 *   RP_RATE_LIMIT       at most per_ip_per_hour reports from one address in
 *                       an hour (429 after that).
 *   RP_EVIDENCE         at most max_files files of at most max_bytes each,
 *                       added within upload_hours of filing.
 *   TE_PAID_TUTORING    a proven paid-tutoring finding vetoes the teacher's
 *                       ethics rating for the school year (一票否决). */
#ifndef SJ_REPORT_H
#define SJ_REPORT_H

#include "policy/policy.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum rp_status { RP_RECEIVED = 0, RP_ROUTED, RP_ANSWERED, RP_CLOSED, RP_NSTATUS };
/* "received" "routed" "answered" "closed" (NULL-terminated) and their names. */
extern const char *const rp_status_ids[RP_NSTATUS + 1];
const char *rp_status_name(int s);
int rp_status_parse(const char *id); /* -1 when unknown */

/* Target kinds: "institution" "school" "teacher" (NULL-terminated). */
extern const char *const rp_kind_ids[4];
const char *rp_kind_name(const char *id);

/* Where the bureau routes a report: 教育 / 市场监管 / 公安 / the school. */
extern const char *const rp_route_ids[5];
const char *rp_route_name(const char *id);

/* Outcomes: 属实已处理 / 部分属实 / 不属实 / 不属于受理范围. */
extern const char *const rp_outcome_ids[5];
const char *rp_outcome_name(const char *id);

/* RP_ANSWER_DEADLINE: the last day (days) an answer is in time. */
int64_t rp_due_day(int64_t filed_day, const struct policy *p);
/* Overdue: not answered by the end of due_day and today is after it. An
 * answered or closed report is never overdue (answered_late says whether its
 * answer came after the day). */
bool rp_overdue(enum rp_status s, int64_t due_day, int64_t today);
bool rp_answered_late(int64_t due_day, int64_t answered_day);

/* The next status a step leads to from s, or -1 when the step is out of
 * order: route from received or routed (re-routing), answer from received
 * or routed, close from answered. */
int rp_step(enum rp_status s, const char *step);

/* RP_RATE_LIMIT: whether one more report from an address that filed count
 * in the current hour is allowed. */
bool rp_rate_allowed(int count, const struct policy *p);

/* RP_EVIDENCE: "" when a file may be added, else the refused rule's reason
 * code: RP_EVIDENCE_COUNT (nfiles already there), RP_EVIDENCE_SIZE,
 * RP_EVIDENCE_LATE (seconds since filing). */
const char *rp_evidence_check(int nfiles, size_t size, int64_t seconds_since_filing,
			      const struct policy *p);

/* Receipt codes: 12 characters from util/randtext.h's alphabet in groups of
 * four (xxxx-xxxx-xxxx). rp_code_normalise writes the 12 characters
 * (lower case, without dashes or spaces) into out[13]: 0, or -1 when the
 * text cannot be a receipt code. */
#define RP_CODE_CHARS 12
#define RP_CODE_GROUP 4
#define RP_CODE_PRINTED (RP_CODE_CHARS + RP_CODE_CHARS / RP_CODE_GROUP)
int rp_code_normalise(const char *s, char out[RP_CODE_CHARS + 1]);

/* TE_PAID_TUTORING: the finding's text in the pack ("在职教师有偿补课"). A
 * report's answer vetoes when it is about a teacher, proven, with that
 * finding and the pack's veto on. */
bool te_vetoes(const char *target_kind, const char *outcome, const char *finding,
	       const struct policy *p);
/* The school year (its first calendar year) a day falls in: the year starts
 * on the pack's month (September: 2026-09-01 .. 2027-08-31 is 2026). */
int te_school_year(int64_t day, const struct policy *p);

#endif
