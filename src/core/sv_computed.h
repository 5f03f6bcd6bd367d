/* sv_computed.h - the verdict of a computed supervision item (issue 15, part
 * SB; 六 and the annex): a figure the platform computes from its records is
 * judged against the pass marks of the item's "computed" block in the pack
 * (struct policy_sv_item). Pure: no store, no clock. */
#ifndef SJ_SV_COMPUTED_H
#define SJ_SV_COMPUTED_H

#include "policy/policy.h"

/* The keys of the pack's SV_SCALE a computed verdict gives. */
enum svc_verdict { SVC_NOT_MET = 0, SVC_PARTLY, SVC_MET };

/* A share num/den; den 0 means no records behind it. */
struct svc_share {
	long num, den;
};

/* "met", "partly", "not_met". */
const char *svc_verdict_key(enum svc_verdict v);
/* A share against marks in percent, exactly (no rounding): met when
 * num/den >= met%, partly when >= partly% (den must be > 0). */
enum svc_verdict svc_judge_share(const struct policy_sv_item *it, struct svc_share s);
/* A count against marks (it->lower: at most met, at most partly). */
enum svc_verdict svc_judge_count(const struct policy_sv_item *it, long n);
/* The lower of two shares; a share without records gives way to the other. */
struct svc_share svc_worse(struct svc_share a, struct svc_share b);
/* The share in percent, one decimal (half up); den must be > 0. */
double svc_percent(struct svc_share s);

#endif
