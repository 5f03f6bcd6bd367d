/* app_sv_views.c - the district's views of a round: the dashboard (A-level
 * scores per school ranked, what moves each A, trends over rounds), its
 * .xlsx, and the special-inspection list (SV_SPECIAL). */
#include "app/app_sv_internal.h"
#include "app/app_sv_computed.h"
#include "app/app_sv_visit.h"
#include "store/store_sv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One school's results in a round. */
struct sv_res {
	int64_t school_id;
	char name[128];
	struct sv_points pt;
	struct sv_rollup ru;
};

struct sv_round_data {
	struct db_res *round;
	struct sv_res *s;
	int n;
};

static void data_free(struct sv_round_data *d)
{
	db_res_free(d->round);
	free(d->s);
	memset(d, 0, sizeof *d);
}

static int bureau(const struct actor *who, struct app_err *e)
{
	if (who->role == ROLE_INSPECTOR || who->role == ROLE_DISTRICT_ADMIN)
		return 0;
	return app_fail(e, 404, "NOT_FOUND", "没有找到");
}

/* The bureau's views: the table, and a connection (NULL with e filled). */
static struct db *bureau_db(struct app *a, const struct actor *who, struct sv_table *t,
			    struct app_err *e)
{
	if (bureau(who, e) != 0)
		return NULL;
	sv_table_build(&a->policy, t);
	return app_db_get(a, e);
}

static void fill(struct app *a, const struct sv_table *t, const struct db_res *sc,
		 const struct db_res *s, struct sv_round_data *d)
{
	int i, j = 0, from, n = db_res_rows(s);

	for (i = 0; i < d->n; i++) {
		struct sv_res *x = &d->s[i];

		x->school_id = db_res_int(sc, i, 0);
		snprintf(x->name, sizeof x->name, "%s", db_res_text(sc, i, 1));
		while (j < n && db_res_int(s, j, SVS_SCHOOL) < x->school_id)
			j++;
		from = j;
		while (j < n && db_res_int(s, j, SVS_SCHOOL) == x->school_id)
			j++;
		sv_points_fill(a, t, s, from, j, &x->pt);
		sv_rollup(t, x->pt.insp, &x->ru);
	}
}

/* The round and every school's roll-up from the inspector's scores. */
static int round_data(struct app *a, struct db *db, const struct actor *who, int64_t id,
		      const struct sv_table *t, struct sv_round_data *d, struct app_err *e)
{
	struct db_res *sc = NULL, *s = NULL;
	struct db_err dbe = { 0 };
	int rc = sv_round_load(a, db, who, id, &d->round, e);

	if (rc == 0 && (store_sv_round_schools(db, id, 0, &sc, &dbe) != 0 ||
			store_sv_scores(db, id, 0, &s, &dbe) != 0))
		rc = app_db_fail(e, &dbe, who->request_id);
	if (rc == 0) {
		d->n = db_res_rows(sc);
		d->s = calloc((size_t)d->n + 1, sizeof *d->s);
		if (!d->s)
			rc = app_fail(e, 500, "INTERNAL", "内存不足");
	}
	if (rc == 0)
		fill(a, t, sc, s, d);
	db_res_free(sc);
	db_res_free(s);
	return rc;
}

/* The district's rounds, oldest term first: into *r. */
static int all_rounds(struct db *db, const struct actor *who, struct db_res **r,
		      struct app_err *e)
{
	struct db_err dbe = { 0 };

	if (store_sv_round_list(db, who->district_id, 0, 0, 0, 0, r, &dbe) != 0)
		return app_db_fail(e, &dbe, who->request_id);
	return 0;
}

static int by_total(const void *x, const void *y)
{
	const struct sv_res *a = x, *b = y;

	if (a->ru.total != b->ru.total)
		return a->ru.total < b->ru.total ? 1 : -1;
	return a->school_id < b->school_id ? -1 : a->school_id > b->school_id;
}

/* ---- dashboard ---- */

static json_t *a_items_json(const struct sv_table *t)
{
	json_t *arr = json_array();

	for (int i = 0; i < t->na; i++)
		json_array_append_new(arr, json_pack("{s:s,s:s}", "id", t->a_id[i], "title",
						     t->a_title[i]));
	return arr;
}

static json_t *ranked_json(const struct sv_table *t, struct sv_round_data *d)
{
	json_t *arr = json_array(), *aa;
	int i, k;

	qsort(d->s, (size_t)d->n, sizeof *d->s, by_total);
	for (i = 0; i < d->n; i++) {
		aa = json_array();
		for (k = 0; k < t->na; k++)
			json_array_append_new(aa, sv_fig(d->s[i].ru.a[k]));
		json_array_append_new(arr, json_pack("{s:I,s:s,s:o,s:o,s:i}", "school_id",
						     (json_int_t)d->s[i].school_id, "school_name",
						     d->s[i].name, "a", aa, "total",
						     sv_fig(d->s[i].ru.total), "scored",
						     d->s[i].ru.scored));
	}
	return arr;
}

/* District mean of each B (over schools where it is scored). */
static void b_means(const struct sv_table *t, const struct sv_round_data *d, double *mean)
{
	for (int k = 0; k < t->nb; k++) {
		double sum = 0;
		int n = 0;

		for (int i = 0; i < d->n; i++)
			if (d->s[i].ru.b[k] >= 0) {
				sum += d->s[i].ru.b[k];
				n++;
			}
		mean[k] = n ? sum / n : SV_NONE;
	}
}

/* Each A's B items, weakest district mean first: what moves the A. */
static json_t *movers_json(const struct sv_table *t, const struct sv_round_data *d)
{
	double mean[SV_MAX_B];
	json_t *arr = json_array();
	int i, k, j, order[SV_MAX_B], n;

	b_means(t, d, mean);
	for (i = 0; i < t->na; i++) {
		json_t *bs = json_array();

		for (n = 0, k = 0; k < t->nb; k++)
			if (t->b_a[k] == i)
				order[n++] = k;
		for (k = 1; k < n; k++) /* insertion sort: a few B per A */
			for (j = k; j > 0 && mean[order[j]] < mean[order[j - 1]]; j--) {
				int tmp = order[j];

				order[j] = order[j - 1];
				order[j - 1] = tmp;
			}
		for (k = 0; k < n; k++)
			json_array_append_new(bs, json_pack("{s:s,s:s,s:o}", "id", t->b_id[order[k]],
							    "title", t->b_title[order[k]], "mean",
							    sv_fig(mean[order[k]])));
		json_array_append_new(arr, json_pack("{s:s,s:s,s:o}", "a", t->a_id[i], "title",
						     t->a_title[i], "b", bs));
	}
	return arr;
}

/* District means of each A and of the total over a round's schools. */
static json_t *means_json(const struct sv_table *t, const struct sv_round_data *d)
{
	json_t *aa = json_array();
	double tot = 0;
	int k, i, nt = 0;

	for (k = 0; k < t->na; k++) {
		double sum = 0;
		int n = 0;

		for (i = 0; i < d->n; i++)
			if (d->s[i].ru.a[k] >= 0) {
				sum += d->s[i].ru.a[k];
				n++;
			}
		json_array_append_new(aa, sv_fig(n ? sum / n : SV_NONE));
	}
	for (i = 0; i < d->n; i++)
		if (d->s[i].ru.total >= 0) {
			tot += d->s[i].ru.total;
			nt++;
		}
	return json_pack("{s:I,s:s,s:s,s:o,s:o}", "round_id",
			 (json_int_t)db_res_int(d->round, 0, SVR_ID), "name",
			 db_res_text(d->round, 0, SVR_NAME), "term_name",
			 db_res_text(d->round, 0, SVR_TERM_NAME), "a", aa, "total",
			 sv_fig(nt ? tot / nt : SV_NONE));
}

static int trend_json(struct app *a, struct db *db, const struct actor *who,
		      const struct sv_table *t, json_t **out, struct app_err *e)
{
	struct db_res *r = NULL;
	int i, rc = all_rounds(db, who, &r, e);

	*out = json_array();
	for (i = 0; rc == 0 && i < db_res_rows(r); i++) {
		struct sv_round_data d = { 0 };

		rc = round_data(a, db, who, db_res_int(r, i, SVR_ID), t, &d, e);
		if (rc == 0)
			json_array_append_new(*out, means_json(t, &d));
		data_free(&d);
	}
	db_res_free(r);
	return rc;
}

int app_sv_dashboard(struct app *a, const struct actor *who, int64_t round_id, json_t **out,
		     struct app_err *e)
{
	struct sv_round_data d = { 0 };
	struct sv_table t;
	json_t *trend = NULL;
	struct db *db;
	int rc;

	db = bureau_db(a, who, &t, e);
	if (!db)
		return -1;
	rc = round_data(a, db, who, round_id, &t, &d, e);
	if (rc == 0)
		rc = trend_json(a, db, who, &t, &trend, e);
	app_db_put(a, db);
	if (rc == 0) {
		*out = json_pack("{s:o,s:o,s:o,s:o,s:o,s:o}", "round", sv_round_json(a, d.round),
				 "a_items", a_items_json(&t), "district", means_json(&t, &d),
				 "movers", movers_json(&t, &d), "schools", ranked_json(&t, &d),
				 "trend", trend);
		/* the rectification notices past their deadline (the visits part) */
		{
			json_t *overdue = NULL;

			rc = app_sv_overdue_notices(a, who, &overdue, e);
			if (rc == 0) {
				json_object_set_new(*out, "overdue_notices", overdue);
			} else {
				json_decref(*out);
				*out = NULL;
			}
		}
	} else {
		json_decref(trend);
	}
	data_free(&d);
	return rc;
}

/* ---- the .xlsx ---- */

const char *const sv_sheet_names[SV_SHEETS] = { "A级", "B级", "C级评定" };

static int add_row(struct table *tb, const char **cells, size_t n)
{
	return table_add_row(tb, (int)tb->nrows + 2, cells, n);
}

static void fmt(double v, char *buf, size_t cap)
{
	if (v < 0)
		snprintf(buf, cap, "%s", "");
	else
		snprintf(buf, cap, "%.1f", v);
}

#define XCELLS (SV_MAX_B + 4)

static int sheet_ab(const struct sv_table *t, const struct sv_round_data *d, int isb,
		    struct sv_book *b)
{
	int n = isb ? t->nb : t->na, sh = isb ? 1 : 0, i, k;
	const char *cells[XCELLS];
	char num[XCELLS][16];

	b->header[sh] = calloc((size_t)n + 3, sizeof(char *));
	if (!b->header[sh])
		return -1;
	b->header[sh][0] = "学校";
	for (k = 0; k < n; k++)
		b->header[sh][k + 1] = isb ? t->b_id[k] : t->a_id[k];
	b->header[sh][n + 1] = "综合（百分制）";
	b->ncols[sh] = (size_t)n + 2;
	for (i = 0; i < d->n; i++) {
		cells[0] = d->s[i].name;
		for (k = 0; k < n; k++) {
			fmt(isb ? d->s[i].ru.b[k] : d->s[i].ru.a[k], num[k], sizeof num[k]);
			cells[k + 1] = num[k];
		}
		fmt(d->s[i].ru.total, num[n], sizeof num[n]);
		cells[n + 1] = num[n];
		if (add_row(&b->t[sh], cells, (size_t)n + 2) != 0)
			return -1;
	}
	return 0;
}

static const char *c_header[] = { "学校", "指标", "自评", "自评说明", "督导评定", "督导说明",
				  "系统判定", "改判理由" };

static int sheet_c(struct app *a, const struct db_res *s, struct sv_book *b,
		   const struct sv_round_data *d)
{
	const struct policy_sv_level *l;
	const char *cells[8];
	int i, k;

	b->header[2] = (const char **)c_header;
	b->ncols[2] = 8;
	for (i = 0; i < db_res_rows(s); i++) {
		int insp = strcmp(db_res_text(s, i, SVS_SIDE), "self") != 0;

		for (k = 0; k < d->n && d->s[k].school_id != db_res_int(s, i, SVS_SCHOOL); k++)
			;
		l = sv_level(&a->policy, db_res_text(s, i, SVS_SCORE));
		cells[0] = k < d->n ? d->s[k].name : "";
		cells[1] = db_res_text(s, i, SVS_ITEM);
		cells[2] = insp ? "" : l ? l->name : "";
		cells[3] = insp ? "" : db_res_text(s, i, SVS_COMMENT);
		cells[4] = insp ? (l ? l->name : "") : "";
		cells[5] = insp ? db_res_text(s, i, SVS_COMMENT) : "";
		l = sv_level(&a->policy, db_res_text(s, i, SVS_COMPUTED));
		cells[6] = insp && l ? l->name : "";
		cells[7] = insp ? db_res_text(s, i, SVS_REASON) : "";
		if (add_row(&b->t[2], cells, 8) != 0)
			return -1;
	}
	return 0;
}

struct export_ctx {
	const struct actor *who;
	char obj[40];
};

static int export_audit_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct export_ctx *c = vctx;

	(void)e;
	return app_audit(db, c->who, "sv.export", c->obj, "ok", NULL, dbe);
}

int app_sv_book(struct app *a, const struct actor *who, int64_t round_id, struct sv_book *b,
		struct app_err *e)
{
	struct export_ctx x = { .who = who };
	struct sv_round_data d = { 0 };
	struct db_res *s = NULL;
	struct db_err dbe = { 0 };
	struct sv_table t;
	struct db *db;
	int rc;

	db = bureau_db(a, who, &t, e);
	if (!db)
		return -1;
	rc = round_data(a, db, who, round_id, &t, &d, e);
	if (rc == 0 && store_sv_scores(db, round_id, 0, &s, &dbe) != 0)
		rc = app_db_fail(e, &dbe, who->request_id);
	app_db_put(a, db);
	if (rc == 0 && (sheet_ab(&t, &d, 0, b) || sheet_ab(&t, &d, 1, b) || sheet_c(a, s, b, &d)))
		rc = app_fail(e, 500, "EXPORT_FAILED", "导出失败");
	db_res_free(s);
	data_free(&d);
	if (rc == 0) {
		snprintf(x.obj, sizeof x.obj, "sv_round:%lld", (long long)round_id);
		rc = app_tx(a, export_audit_tx, &x, e);
	}
	return rc;
}

void app_sv_book_free(struct sv_book *b)
{
	for (int i = 0; i < SV_SHEETS; i++) {
		table_free(&b->t[i]);
		if (b->header[i] != (const char **)c_header)
			free(b->header[i]);
		b->header[i] = NULL;
	}
}

/* ---- special inspection ---- */

static json_t *reason(struct app *a, const char *rule, const char *text, const char *item)
{
	const char *clause = policy_rule_clause(&a->policy, rule);

	return json_pack("{s:s,s:s?,s:s,s:s?}", "rule", rule, "clause", clause, "text", text, "item",
			 item);
}

/* SV_SPECIAL: the computed items of the school that fell since the round
 * before (computed verdicts of the two terms). */
static void worsened(struct app *a, json_t *now, json_t *before, json_t *reasons)
{
	const char *item;
	json_t *v;
	char text[256];

	json_object_foreach(now, item, v) {
		const char *n = json_string_value(json_object_get(v, "score")),
			   *b = json_string_value(json_object_get(json_object_get(before, item),
								  "score"));

		if (!sv_worsened(&a->policy, b, n))
			continue;
		snprintf(text, sizeof text, "%s 依据记录判定由“%s”变为“%s”", item,
			 sv_level(&a->policy, b)->name, sv_level(&a->policy, n)->name);
		json_array_append_new(reasons, reason(a, "SV_SPECIAL", text, item));
	}
}

static json_t *special_items(struct app *a, const struct sv_round_data *d, json_t *cnow,
			     json_t *cbefore)
{
	json_t *items = json_array();
	char text[256], key[24];

	for (int i = 0; i < d->n; i++) {
		json_t *rs = json_array();

		if (sv_below_threshold(&a->policy, d->s[i].ru.total)) {
			snprintf(text, sizeof text, "综合得分 %.1f，低于 %d 分", d->s[i].ru.total,
				 a->policy.sv_special_threshold);
			json_array_append_new(rs, reason(a, "SV_SPECIAL", text, NULL));
		}
		snprintf(key, sizeof key, "%lld", (long long)d->s[i].school_id);
		if (cbefore)
			worsened(a, json_object_get(cnow, key), json_object_get(cbefore, key), rs);
		if (json_array_size(rs) == 0) {
			json_decref(rs);
			continue;
		}
		json_array_append_new(items, json_pack("{s:I,s:s,s:o,s:o}", "school_id",
						       (json_int_t)d->s[i].school_id, "school_name",
						       d->s[i].name, "total", sv_fig(d->s[i].ru.total),
						       "reasons", rs));
	}
	return items;
}

/* The round asked for (or the latest) and the one before it, by term. */
static int pick_rounds(struct db *db, const struct actor *who, const char *q, int64_t *id,
		       int64_t *prev, struct app_err *e)
{
	struct db_res *r = NULL;
	int64_t want = 0;
	int i, rc;

	*id = *prev = 0;
	if (q && *q && app_parse_cursor(q, &want) != 0)
		return app_fail(e, 400, "QUERY_INVALID", "round_id 应为正整数");
	rc = all_rounds(db, who, &r, e);
	for (i = 0; rc == 0 && i < db_res_rows(r); i++) {
		if (want && db_res_int(r, i, SVR_ID) != want)
			continue;
		*id = db_res_int(r, i, SVR_ID);
		*prev = i > 0 ? db_res_int(r, i - 1, SVR_ID) : 0;
	}
	db_res_free(r);
	if (rc == 0 && !*id)
		rc = app_fail(e, 404, "NOT_FOUND", "没有找到这一轮督导评估");
	return rc;
}

int app_sv_special(struct app *a, const struct actor *who, const char *round_id, json_t **out,
		   struct app_err *e)
{
	struct sv_round_data d = { 0 }, p = { 0 };
	json_t *cnow = NULL, *cbefore = NULL;
	int64_t id, prev;
	struct sv_table t;
	struct db *db;
	int rc;

	db = bureau_db(a, who, &t, e);
	if (!db)
		return -1;
	rc = pick_rounds(db, who, round_id, &id, &prev, e);
	if (rc == 0)
		rc = round_data(a, db, who, id, &t, &d, e);
	if (rc == 0 && prev)
		rc = round_data(a, db, who, prev, &t, &p, e);
	app_db_put(a, db);
	if (rc == 0)
		rc = app_sv_computed_all(a, who, db_res_int(d.round, 0, SVR_TERM), &cnow, e);
	if (rc == 0 && prev)
		rc = app_sv_computed_all(a, who, db_res_int(p.round, 0, SVR_TERM), &cbefore, e);
	if (rc == 0)
		*out = json_pack("{s:o,s:o,s:i,s:s?,s:o}", "round", sv_round_json(a, d.round),
				 "previous", prev ? sv_round_json(a, p.round) : json_null(),
				 "threshold", a->policy.sv_special_threshold, "clause",
				 policy_rule_clause(&a->policy, "SV_SPECIAL"), "items",
				 special_items(a, &d, cnow, cbefore));
	json_decref(cnow);
	json_decref(cbefore);
	data_free(&d);
	data_free(&p);
	return rc;
}
