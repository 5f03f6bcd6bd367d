/* supervision.c - the indicator table, scale and roll-ups (supervision.h). */
#include "core/supervision.h"

#include <stdio.h>
#include <string.h>

static const char *str_of(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static void add_c(const struct policy *p, struct sv_table *t, json_t *c)
{
	const char *corr = str_of(c, "corrected");

	if (t->nc >= SV_MAX_C)
		return;
	t->c_id[t->nc] = str_of(c, "id");
	t->c_text[t->nc] = corr ? corr : str_of(c, "text");
	t->c_b[t->nc] = t->nb - 1;
	t->c_weight[t->nc] = policy_sv_weight(p, t->c_id[t->nc]);
	t->nc++;
}

/* The B's title with the errata that name it read. */
static const char *b_title(const struct policy *p, const char *id, const char *title,
			   char *buf, size_t cap)
{
	json_t *e;
	size_t i;

	json_array_foreach(json_object_get(p->raw, "errata"), i, e) {
		const char *pub = str_of(e, "published"), *rd = str_of(e, "reading");
		const char *at = pub ? strstr(title, pub) : NULL;

		if (strcmp(str_of(e, "where") ? str_of(e, "where") : "", id) || !at || !rd)
			continue;
		snprintf(buf, cap, "%.*s%s%s", (int)(at - title), title, rd, at + strlen(pub));
		return buf;
	}
	return title;
}

static void add_b(const struct policy *p, struct sv_table *t, json_t *b)
{
	json_t *c;
	size_t k;

	if (t->nb >= SV_MAX_B)
		return;
	t->b_id[t->nb] = str_of(b, "id");
	t->b_title[t->nb] = b_title(p, t->b_id[t->nb], str_of(b, "title"), t->b_fixed[t->nb],
				    sizeof t->b_fixed[t->nb]);
	t->b_a[t->nb] = t->na - 1;
	t->b_weight[t->nb] = policy_sv_weight(p, t->b_id[t->nb]);
	t->nb++;
	json_array_foreach(json_object_get(b, "c"), k, c)
		add_c(p, t, c);
}

void sv_table_build(const struct policy *p, struct sv_table *t)
{
	json_t *a, *b;
	size_t i, j;

	memset(t, 0, sizeof *t);
	json_array_foreach(json_object_get(p->raw, "indicators"), i, a) {
		if (t->na >= SV_MAX_A)
			break;
		t->a_id[t->na] = str_of(a, "id");
		t->a_title[t->na] = str_of(a, "title");
		t->na++;
		json_array_foreach(json_object_get(a, "b"), j, b)
			add_b(p, t, b);
	}
}

int sv_c_index(const struct sv_table *t, const char *id)
{
	int i;

	for (i = 0; id && i < t->nc; i++)
		if (!strcmp(t->c_id[i], id))
			return i;
	return -1;
}

/* SV_SCALE */
const struct policy_sv_level *sv_level(const struct policy *p, const char *key)
{
	int i;

	for (i = 0; key && i < p->sv_nscale; i++)
		if (!strcmp(p->sv_scale[i].key, key))
			return &p->sv_scale[i];
	return NULL;
}

/* SV_WEIGHTS: weighted means, skipping what is not scored. */
void sv_rollup(const struct sv_table *t, const int *c_points, struct sv_rollup *out)
{
	double bsum[SV_MAX_B] = { 0 }, asum[SV_MAX_A] = { 0 }, sum = 0;
	long bw[SV_MAX_B] = { 0 }, aw[SV_MAX_A] = { 0 };
	int i, n = 0;

	out->scored = 0;
	for (i = 0; i < t->nc; i++) {
		if (c_points[i] < 0)
			continue;
		bsum[t->c_b[i]] += (double)c_points[i] * t->c_weight[i];
		bw[t->c_b[i]] += t->c_weight[i];
		out->scored++;
	}
	for (i = 0; i < t->nb; i++) {
		out->b[i] = bw[i] ? bsum[i] / (double)bw[i] : SV_NONE;
		if (bw[i]) {
			asum[t->b_a[i]] += out->b[i] * t->b_weight[i];
			aw[t->b_a[i]] += t->b_weight[i];
		}
	}
	for (i = 0; i < t->na; i++) {
		out->a[i] = aw[i] ? asum[i] / (double)aw[i] : SV_NONE;
		if (aw[i]) {
			sum += out->a[i];
			n++;
		}
	}
	out->total = n ? sum / n : SV_NONE;
}

/* SV_REASON_REQUIRED */
int sv_needs_reason(const char *score, const char *computed, const char *reason)
{
	const char *r = reason;

	if (!computed || !*computed || !score || !strcmp(score, computed))
		return 0;
	while (r && (*r == ' ' || *r == '\t' || *r == '\n' || *r == '\r'))
		r++;
	return !r || !*r;
}

/* SV_SPECIAL */
int sv_below_threshold(const struct policy *p, double total)
{
	return total >= 0 && total < (double)p->sv_special_threshold;
}

int sv_worsened(const struct policy *p, const char *before, const char *now)
{
	const struct policy_sv_level *b = sv_level(p, before), *n = sv_level(p, now);

	return b && n && n->points < b->points;
}
