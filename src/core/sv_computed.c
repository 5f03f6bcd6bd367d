/* sv_computed.c - a computed item's figure against its pass marks (see
 * sv_computed.h). */
#include "core/sv_computed.h"

const char *svc_verdict_key(enum svc_verdict v)
{
	return v == SVC_MET ? "met" : v == SVC_PARTLY ? "partly" : "not_met";
}

/* SV_COMPUTED: num/den >= mark% <=> 100 * num >= mark * den. */
static bool share_at_least(struct svc_share s, int mark)
{
	return 100LL * s.num >= (long long)mark * s.den;
}

enum svc_verdict svc_judge_share(const struct policy_sv_item *it, struct svc_share s)
{
	if (share_at_least(s, it->met))
		return SVC_MET;
	return share_at_least(s, it->partly) ? SVC_PARTLY : SVC_NOT_MET;
}

enum svc_verdict svc_judge_count(const struct policy_sv_item *it, long n)
{
	if (it->lower)
		return n <= it->met ? SVC_MET : n <= it->partly ? SVC_PARTLY : SVC_NOT_MET;
	return n >= it->met ? SVC_MET : n >= it->partly ? SVC_PARTLY : SVC_NOT_MET;
}

struct svc_share svc_worse(struct svc_share a, struct svc_share b)
{
	if (a.den <= 0)
		return b;
	if (b.den <= 0)
		return a;
	return (long long)a.num * b.den <= (long long)b.num * a.den ? a : b;
}

double svc_percent(struct svc_share s)
{
	long long t = (1000LL * s.num * 2 + s.den) / (2LL * s.den); /* tenths, half up */

	return (double)t / 10.0;
}
