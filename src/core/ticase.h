/* ticase.h - off-campus training institutions: routine sweeps and penalty
 * cases (五(一)2; joint enforcement of education, market regulation and
 * public security, 四1). Pure rules, no clock: "today" is passed in.
 *
 * A penalty case moves through the stages in the order the law gives:
 * 立案 open -> 调查 investigate -> 告知 notify -> 决定 decide -> 送达 serve
 * -> 执行 enforce -> 结案 close. A step out of that order is refused with
 * TI_CASE_ORDER (the expected step named). The decision carries measures from
 * the ladder of the pack (TI_PENALTY), each with its agency; a deadline to
 * correct must fall after the decision, an amount must be positive and at
 * most the pack's cap. A recorded rectification (step "rectify", allowed
 * from 决定 until 结案) clears the deadline; 结案 waits for it. */
#ifndef SJ_TICASE_H
#define SJ_TICASE_H

#include "policy/policy.h"

#include <stdbool.h>
#include <stdint.h>

enum ti_stage { TI_OPEN, TI_INVESTIGATE, TI_NOTIFY, TI_DECIDE, TI_SERVE, TI_ENFORCE,
		TI_CLOSE, TI_STAGES };
/* The step that is not a stage: the institution's rectification recorded. */
#define TI_RECTIFY TI_STAGES

/* ids, NULL-terminated (for jfields enums and the schema's checks) */
extern const char *const ti_stage_ids[];   /* open … close */
extern const char *const ti_step_ids[];    /* the stages and "rectify" */
extern const char *const ti_finding_ids[]; /* unlicensed … other */
extern const char *const ti_agency_ids[];  /* edu, market, police */
extern const char *const ti_measure_ids[]; /* correct, warn, suspend, refund, confiscate, fine */

enum ti_measure_kind { TI_M_CORRECT, TI_M_WARN, TI_M_SUSPEND, TI_M_REFUND, TI_M_CONFISCATE,
		       TI_M_FINE, TI_MEASURES };
#define TI_FINDINGS 8
#define TI_AGENCIES 3
#define TI_MAX_MEASURES 8

/* The index of id in a NULL-terminated id list, or -1. */
int ti_index(const char *const *ids, const char *id);
/* Chinese names (立案, 无证办学, 市场监管, 责令限期改正 …); "" out of range. */
const char *ti_step_name(int step);
const char *ti_finding_name(int finding);
const char *ti_agency_name(int agency);
const char *ti_measure_name(int kind);
/* The measure takes an amount (退还所收费用, 没收违法所得, 罚款) / a deadline
 * (责令限期改正). */
bool ti_measure_amount(int kind);
bool ti_measure_deadline(int kind);
/* The measure stops the institution (责令停办整改): the institution moves to
 * revoked, on the public 黑名单. 五(一)2 lists no licence revocation of its
 * own; stopping is the harshest step of its ladder, so it is the one that
 * takes an institution off the 白名单. */
bool ti_measure_stops(int kind);

struct ti_verdict {
	const char *code;  /* TI_CASE_ORDER, TI_PENALTY, or NULL when ok */
	char message[256]; /* 中文 */
	const char *expected; /* TI_CASE_ORDER: the step id expected next ("" when closed) */
	int index;         /* TI_PENALTY: the measure at fault (0-based), -1 none */
	const char *field; /* TI_PENALTY: measure, amount, deadline */
};

/* The case as far as a step needs it. */
struct ti_case_state {
	enum ti_stage stage;
	bool has_deadline; /* the decision set a deadline to correct */
	bool rectified;    /* a rectification was recorded */
};

/* May step (an index into ti_step_ids) follow? 0 ok, -1 with v filled
 * (TI_CASE_ORDER). */
int ti_case_step_check(const struct ti_case_state *c, int step, struct ti_verdict *v);

struct ti_measure {
	int kind, agency;
	int64_t amount_fen;  /* 0: none */
	const char *deadline; /* YYYY-MM-DD or NULL */
};

/* The measures of a decision taken on decided_on (YYYY-MM-DD): 0 ok, -1
 * with v filled (TI_PENALTY). */
int ti_measures_check(const struct policy *p, const struct ti_measure *m, int n,
		      const char *decided_on, struct ti_verdict *v);

/* A deadline passed (before today) without a recorded rectification. */
bool ti_overdue(const char *deadline, bool rectified, const char *today);

#endif
