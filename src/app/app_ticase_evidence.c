/* app_ticase_evidence.c - photos and PDF of a visit or a case: the type
 * read from the bytes, the size capped by the pack (TI_SWEEP), stored in
 * the database so a backup carries them. */
#include "app/app_ticase_internal.h"
#include "store/store_evidence.h"
#include "store/store_ticase.h"
#include "util/filesniff.h"
#include "util/jfields.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <string.h>

/* The owner exists in the district: 0, 1 not, -1 store error. */
static int owner_exists(struct db *db, const struct actor *who, const char *kind, int64_t id,
			struct db_err *dbe)
{
	struct db_res *r = NULL;
	int rc = !strcmp(kind, "visit") ? store_ti_visit_get(db, who->district_id, id, &r, dbe)
					: store_ti_case_get(db, who->district_id, id, 0, &r, dbe);

	db_res_free(r);
	return rc;
}

struct ev_ctx {
	const struct actor *who;
	struct store_evidence ev;
	int64_t id;
};

static int evidence_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct ev_ctx *c = vctx;
	char obj[48];
	json_t *d;
	int rc = owner_exists(db, c->who, c->ev.owner_kind, c->ev.owner_id, dbe);

	if (rc == 1)
		return app_fail(e, 404, "NOT_FOUND", "没有这条记录");
	if (rc < 0 || store_evidence_add(db, &c->ev, &c->id, dbe) != 0)
		return -1;
	snprintf(obj, sizeof obj, "%s:%lld", c->ev.owner_kind, (long long)c->ev.owner_id);
	d = json_pack("{s:I,s:s,s:s,s:I}", "evidence_id", (json_int_t)c->id, "file_name",
		      c->ev.file_name, "mime", c->ev.mime, "size", (json_int_t)c->ev.size);
	rc = app_audit(db, c->who, "ticase.evidence.add", obj, "ok", d, dbe);
	json_decref(d);
	return rc;
}

/* A file name: 1..100 characters of one line, no path separators. */
static int name_ok(const char *name)
{
	size_t n = name ? jf_utf8_len(name) : 0;

	if (n < 1 || n > 100)
		return 0;
	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		if (*p < 0x20 || *p == 0x7f || *p == '/' || *p == '\\' || *p == '"')
			return 0;
	return 1;
}

int app_ti_evidence_add(struct app *a, const struct actor *who, const char *owner_kind,
			int64_t owner_id, const char *name, const void *data, size_t len,
			json_t **out, struct app_err *e)
{
	size_t cap = (size_t)a->policy.ti_evidence_max_kb * 1024;
	struct ev_ctx c = { .who = who };
	const char *mime;

	if (ti_may_write(who, e) != 0)
		return -1;
	if (!name_ok(name))
		return app_field_fail(e, 422, "FIELD_INVALID", "name",
				      "请用 ?name= 给出文件名（1 到 100 个字符，不含 / \\ \"）");
	if (len > cap) {
		app_fail(e, 413, "EVIDENCE_TOO_LARGE", "证据文件不能超过 %d KB",
			 a->policy.ti_evidence_max_kb);
		e->details = json_pack("{s:I,s:I}", "size", (json_int_t)len, "limit",
				       (json_int_t)cap);
		return -1;
	}
	mime = filesniff_evidence(data, len);
	if (!mime)
		return app_fail(e, 415, "EVIDENCE_TYPE",
				"证据只收照片（JPEG、PNG）和 PDF 文件，按文件内容判断，与扩展名无关");
	c.ev = (struct store_evidence){ who->district_id, owner_kind, owner_id, name, mime, data,
					len, who->user_id, time_now() };
	if (app_tx(a, evidence_tx, &c, e) != 0)
		return -1;
	*out = json_pack("{s:{s:I,s:s,s:s,s:I}}", "evidence", "id", (json_int_t)c.id,
			 "file_name", name, "mime", mime, "size", (json_int_t)len);
	return 0;
}

struct ev_read {
	const struct actor *who;
	const char *kind;
	int64_t id;
};

static int evidence_list_read(struct app *a, struct db *db, void *vctx, json_t **out,
			      struct db_err *dbe, struct app_err *e)
{
	struct ev_read *c = vctx;
	json_t *items = NULL;
	int rc = owner_exists(db, c->who, c->kind, c->id, dbe);

	(void)a;
	if (rc == 1)
		return app_fail(e, 404, "NOT_FOUND", "没有这条记录");
	if (rc < 0 || ti_evidence_json(db, c->who, c->kind, c->id, &items, dbe) != 0)
		return -1;
	*out = json_pack("{s:o}", "items", items);
	return 0;
}

int app_ti_evidence_list(struct app *a, const struct actor *who, const char *owner_kind,
			 int64_t owner_id, json_t **out, struct app_err *e)
{
	struct ev_read c = { who, owner_kind, owner_id };

	return ti_read(a, who, evidence_list_read, &c, out, e);
}

struct ev_get {
	struct ev_read r;
	int64_t id;
	void **data;
	size_t *len;
	char *mime;
};

static int evidence_get_read(struct app *a, struct db *db, void *vctx, json_t **out,
			     struct db_err *dbe, struct app_err *e)
{
	struct ev_get *c = vctx;
	int rc = store_evidence_get(db, c->r.who->district_id, c->r.kind, c->r.id, c->id, c->data,
				    c->len, c->mime, dbe);

	(void)a;
	(void)out;
	if (rc == 1)
		return app_fail(e, 404, "NOT_FOUND", "没有这个证据文件");
	return rc;
}

int app_ti_evidence_get(struct app *a, const struct actor *who, const char *owner_kind,
			int64_t owner_id, int64_t id, void **data, size_t *len, char mime[32],
			struct app_err *e)
{
	struct ev_get c = { { who, owner_kind, owner_id }, id, data, len, mime };
	json_t *unused = NULL;

	return ti_read(a, who, evidence_get_read, &c, &unused, e);
}
