/* supervision.h - supervision (督导, seed 六 and the annex): the indicator
 * table as flat arrays, the scale, B and A roll-ups from C scores by the
 * pack's weights, and the special-inspection tests. Pure: no clock, no I/O.
 *
 * Rule codes: SV_SCALE (a score is a key of the pack's scale), SV_WEIGHTS
 * (B = weighted mean of its scored C items, A = weighted mean of its scored
 * B items), SV_REASON_REQUIRED (an inspector's score that differs from the
 * computed verdict needs a written reason), SV_SPECIAL (a total below the
 * threshold, or a computed measure worse than in the round before). */
#ifndef SJ_CORE_SUPERVISION_H
#define SJ_CORE_SUPERVISION_H

#include "policy/policy.h"

#define SV_MAX_C 256
#define SV_MAX_B 64
#define SV_MAX_A 16

/* The indicator table in order. Strings point into p->raw (valid until
 * policy_free) or into the struct; c_text is the corrected reading where the
 * pack has one, b_title reads the pack's errata for that B (B11 题高 → 提高). */
struct sv_table {
	int na, nb, nc;
	const char *a_id[SV_MAX_A], *a_title[SV_MAX_A];
	const char *b_id[SV_MAX_B], *b_title[SV_MAX_B];
	char b_fixed[SV_MAX_B][256]; /* B titles with the pack's errata read */
	int b_a[SV_MAX_B]; /* index of the B's A */
	const char *c_id[SV_MAX_C], *c_text[SV_MAX_C];
	int c_b[SV_MAX_C]; /* index of the C's B */
	int c_weight[SV_MAX_C], b_weight[SV_MAX_B]; /* SV_WEIGHTS */
};
void sv_table_build(const struct policy *p, struct sv_table *t);
/* Index of a C item ("B10.2") or -1. */
int sv_c_index(const struct sv_table *t, const char *id);

/* SV_SCALE: the level of a key, or NULL when the key is off the scale. */
const struct policy_sv_level *sv_level(const struct policy *p, const char *key);

/* Roll-ups, in points 0..100; SV_NONE where nothing under it is scored. */
#define SV_NONE (-1.0)
struct sv_rollup {
	double b[SV_MAX_B], a[SV_MAX_A];
	double total; /* mean of the scored A items */
	int scored;   /* C items with a score */
};
/* c_points[i]: the points of C item i, or a negative number when unscored. */
void sv_rollup(const struct sv_table *t, const int *c_points, struct sv_rollup *out);

/* SV_REASON_REQUIRED: 1 when an inspector's score needs a reason: a
 * computed verdict exists (non-empty key), the score differs from it and
 * the reason is blank. */
int sv_needs_reason(const char *score, const char *computed, const char *reason);

/* SV_SPECIAL: 1 when a scored total is below the pack's threshold. */
int sv_below_threshold(const struct policy *p, double total);
/* SV_SPECIAL: 1 when a computed verdict fell between two rounds (both on
 * the scale and now fewer points). */
int sv_worsened(const struct policy *p, const char *before, const char *now);

#endif
