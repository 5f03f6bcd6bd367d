/* app_sv_visit_base.c - what the visit and notice use cases share: who is
 * the office, refusals with the pack's clause, today, reads on a borrowed
 * connection, list queries, items, evidence and notices as JSON. */
#include "app/app_sv_visit_internal.h"
#include "core/sv_visit.h"
#include "store/store_evidence.h"
#include "store/store_sv_visit.h"
#include "util/timeutil.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

bool sv_office(const struct actor *who)
{
	return who->role == ROLE_INSPECTOR || who->role == ROLE_DISTRICT_ADMIN;
}

int sv_sees_school(const struct actor *who, int64_t school_id, const char *what,
		   struct app_err *e)
{
	if (app_reads_school(who, school_id))
		return 0;
	return app_fail(e, 404, "NOT_FOUND", "没有这%s", what);
}

int sv_refuse(const struct app *a, struct app_err *e, int status, const char *code,
	      const char *rule, const char *fmt, ...)
{
	const char *clause = policy_rule_clause(&a->policy, rule);
	va_list ap;

	va_start(ap, fmt);
	e->status = status;
	e->code = code;
	vsnprintf(e->message, sizeof e->message, fmt, ap);
	va_end(ap);
	json_decref(e->details);
	e->details = json_pack("{s:s,s:s?}", "rule", code, "clause", clause);
	return -1;
}


int sv_read(struct app *a, const struct actor *who, sv_read_fn fn, void *ctx, json_t **out,
	    struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct db *db = app_db_get(a, e);
	int rc;

	if (!db)
		return -1;
	rc = fn(a, db, ctx, out, &dbe, e);
	app_db_put(a, db);
	if (rc != 0 && dbe.kind)
		return app_db_fail(e, &dbe, who->request_id);
	return rc;
}

json_t *sv_items_json(const struct app *a, const char *list)
{
	json_t *arr = json_array();
	char buf[16];
	const char *p = list;

	while (p && *p) {
		size_t n = strcspn(p, ",");

		snprintf(buf, sizeof buf, "%.*s", (int)(n < sizeof buf ? n : sizeof buf - 1), p);
		json_array_append_new(arr, json_pack("{s:s,s:s?}", "id", buf, "text",
						     sv_item_text(&a->policy, buf)));
		p += n + (p[n] == ',');
	}
	return arr;
}

int sv_evidence_json(struct db *db, const struct actor *who, const char *kind, int64_t id,
		     json_t **out, struct db_err *dbe)
{
	struct db_res *r = NULL;

	if (store_evidence_list(db, who->district_id, kind, id, &r, dbe) != 0)
		return -1;
	*out = json_array();
	for (int i = 0; i < db_res_rows(r); i++)
		json_array_append_new(*out, json_pack("{s:I,s:s,s:s,s:I}", "id",
			(json_int_t)db_res_int(r, i, EVC_ID), "file_name", db_res_text(r, i, EVC_NAME),
			"mime", db_res_text(r, i, EVC_MIME), "size",
			(json_int_t)db_res_int(r, i, EVC_SIZE)));
	db_res_free(r);
	return 0;
}

/* cursor, limit and an optional school id: 0, or -1 with 400 (404 for a
 * school head naming another school). */
int sv_paging(const char *school_id, const char *cursor, const char *limit,
	      struct sv_list *c, struct app_err *e)
{
	c->limit = app_parse_limit(limit, 50, 200);
	if (c->limit < 0)
		return app_fail(e, 400, "QUERY_INVALID", "limit 应为 1 到 200 之间的整数");
	if (app_parse_cursor(cursor, &c->before) != 0 ||
	    (school_id && *school_id && app_parse_cursor(school_id, &c->school_id) != 0))
		return app_fail(e, 400, "QUERY_INVALID", "cursor、school_id 应为正整数");
	/* A school's heads see their own school only. */
	if (!sv_office(c->who)) {
		if (c->school_id && c->school_id != c->who->school_id)
			return app_fail(e, 404, "NOT_FOUND", "没有这所学校");
		c->school_id = c->who->school_id;
	}
	return 0;
}

static json_t *text_or_null(const struct db_res *r, int i, int col)
{
	return db_res_isnull(r, i, col) ? json_null() : json_string(db_res_text(r, i, col));
}

static int days_between(const char *from, const char *to)
{
	int64_t a = 0, b = 0;

	if (date_parse(from, &a) != 0 || date_parse(to, &b) != 0)
		return 0;
	return (int)(b - a);
}

json_t *sv_notice_row_json(const struct app *a, const struct db_res *r, int i,
			   const char *today)
{
	const char *status = db_res_text(r, i, SVN_STATUS), *dl = db_res_text(r, i, SVN_DEADLINE);
	bool late = sv_overdue(dl, status, today);
	json_t *answer = db_res_isnull(r, i, SVN_ANSWERED_ON) ? json_null()
		: json_pack("{s:s,s:s,s:o}", "text", db_res_text(r, i, SVN_ANSWER), "on",
			    db_res_text(r, i, SVN_ANSWERED_ON), "by",
			    text_or_null(r, i, SVN_ANSWERED_BY));
	json_t *close = strcmp(status, "closed") ? json_null()
		: json_pack("{s:I,s:s,s:s,s:o}", "visit_id",
			    (json_int_t)db_res_int(r, i, SVN_CLOSE_VISIT), "on",
			    db_res_text(r, i, SVN_CLOSED_ON), "result",
			    db_res_text(r, i, SVN_RESULT), "note",
			    text_or_null(r, i, SVN_RESULT_NOTE));

	return json_pack("{s:I,s:{s:I,s:s},s:I,s:o,s:s,s:s,s:s,s:s,s:b,s:i,s:o,s:o}",
		"id", (json_int_t)db_res_int(r, i, SVN_ID),
		"school", "id", (json_int_t)db_res_int(r, i, SVN_SCHOOL), "name",
		db_res_text(r, i, SVN_SCHOOL_NAME),
		"visit_id", (json_int_t)db_res_int(r, i, SVN_VISIT),
		"items", sv_items_json(a, db_res_text(r, i, SVN_ITEMS)),
		"text", db_res_text(r, i, SVN_TEXT),
		"issued_on", db_res_text(r, i, SVN_ISSUED),
		"deadline", dl,
		"status", status,
		"overdue", late,
		"days_overdue", late ? days_between(dl, today) : 0,
		"answer", answer,
		"close", close);
}
