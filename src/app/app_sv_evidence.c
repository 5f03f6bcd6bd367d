/* app_sv_evidence.c - files the school adds to its self-assessment of an
 * item: the type read from the bytes (util/filesniff.h), the size and the
 * number per item bound by the pack (SV_EVIDENCE), kept in the database so a
 * backup carries them. */
#include "app/app_sv_internal.h"
#include "store/store_sv.h"
#include "util/filesniff.h"
#include "util/jfields.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A file name of 1..100 characters, printable, without / \ or ". */
static int file_name_ok(const char *name)
{
	size_t n = name ? jf_utf8_len(name) : 0;
	const unsigned char *p = (const unsigned char *)name;

	if (n < 1 || n > 100 || strpbrk(name, "/\\\""))
		return 0;
	while (*p >= 0x20 && *p != 0x7f)
		p++;
	return *p == '\0';
}

struct ev_ctx {
	struct app *a;
	const struct actor *who;
	struct store_sv_evidence ev;
	int64_t id;
};

static int evidence_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct ev_ctx *c = vctx;
	struct db_res *r = NULL;
	char obj[96];
	json_t *d;
	int rc = store_sv_round_get(db, c->who->district_id, c->ev.round_id, &r, dbe), n = 0;

	db_res_free(r);
	if (rc == 0)
		rc = store_sv_in_round(db, c->ev.round_id, c->ev.school_id, dbe);
	if (rc == 1)
		return app_fail(e, 404, "NOT_FOUND", "这所学校不在这一轮督导评估中");
	if (rc < 0 || store_sv_evidence_count(db, c->ev.round_id, c->ev.school_id, c->ev.item_id,
					      &n, dbe) != 0)
		return -1;
	if (n >= c->a->policy.sv_evidence_files) {
		app_fail(e, 422, "SV_EVIDENCE", "每项自评至多 %d 份证明材料",
			 c->a->policy.sv_evidence_files);
		e->details = json_pack("{s:s,s:s?,s:i,s:i}", "rule", "SV_EVIDENCE", "clause",
				       policy_rule_clause(&c->a->policy, "SV_EVIDENCE"), "value", n + 1,
				       "limit", c->a->policy.sv_evidence_files);
		return -1;
	}
	if (store_sv_evidence_add(db, &c->ev, &c->id, dbe) != 0)
		return -1;
	snprintf(obj, sizeof obj, "sv_round:%lld/school:%lld/%s", (long long)c->ev.round_id,
		 (long long)c->ev.school_id, c->ev.item_id);
	d = json_pack("{s:I,s:s,s:s,s:I}", "evidence_id", (json_int_t)c->id, "file_name",
		      c->ev.file_name, "mime", c->ev.mime, "size", (json_int_t)c->ev.size);
	rc = app_audit(db, c->who, "sv.evidence.add", obj, "ok", d, dbe);
	json_decref(d);
	return rc;
}

/* Checks before the transaction: the school's own managers, an item of the
 * table, a name, the size and the type. */
static int evidence_check(struct app *a, const struct actor *who, int64_t school_id,
			  const char *item, const char *name, size_t len, struct app_err *e)
{
	struct sv_table t;
	size_t cap = (size_t)a->policy.sv_evidence_max_kb * 1024;

	sv_table_build(&a->policy, &t);
	if (!app_manages_school(who, school_id) || who->role == ROLE_DISTRICT_ADMIN)
		return app_fail(e, 404, "NOT_FOUND", "这所学校不在您的权限范围内");
	if (sv_c_index(&t, item) < 0)
		return app_fail(e, 404, "NOT_FOUND", "指标体系中没有 %s 这一项", item);
	if (!file_name_ok(name))
		return app_field_fail(e, 422, "FIELD_INVALID", "name",
				      "请用 ?name= 给出文件名（1 到 100 个字符，不含 / \\ \"）");
	if (len > cap) {
		app_fail(e, 413, "EVIDENCE_TOO_LARGE", "证明材料不能超过 %d KB",
			 a->policy.sv_evidence_max_kb);
		e->details = json_pack("{s:s,s:s?,s:I,s:I}", "rule", "SV_EVIDENCE", "clause",
				       policy_rule_clause(&a->policy, "SV_EVIDENCE"), "size",
				       (json_int_t)len, "limit", (json_int_t)cap);
		return -1;
	}
	return 0;
}

int app_sv_evidence_add(struct app *a, const struct actor *who, int64_t round_id,
			int64_t school_id, const char *item_id, const char *name, const void *data,
			size_t len, json_t **out, struct app_err *e)
{
	struct ev_ctx c = { .a = a, .who = who };
	const char *mime;

	if (evidence_check(a, who, school_id, item_id, name, len, e) != 0)
		return -1;
	mime = filesniff_evidence(data, len);
	if (!mime)
		return app_fail(e, 415, "EVIDENCE_TYPE",
				"证明材料只收照片（JPEG、PNG）和 PDF 文件，按文件内容判断，与扩展名无关");
	c.ev = (struct store_sv_evidence){ who->district_id, round_id, school_id, item_id, name, mime,
					   data, len, who->user_id, time_now() };
	if (app_tx(a, evidence_tx, &c, e) != 0)
		return -1;
	*out = json_pack("{s:{s:I,s:s,s:s,s:s,s:I}}", "evidence", "id", (json_int_t)c.id, "item",
			 item_id, "file_name", name, "mime", mime, "size", (json_int_t)len);
	return 0;
}

int app_sv_evidence_get(struct app *a, const struct actor *who, int64_t round_id,
			int64_t school_id, int64_t id, void **data, size_t *len, char mime[32],
			struct app_err *e)
{
	struct db_err dbe = { 0 };
	char name[128];
	struct db *db;
	int rc = 1;

	*data = NULL;
	db = app_db_get(a, e);
	if (!db)
		return -1;
	if (app_reads_school(who, school_id))
		rc = store_sv_evidence_get(db, round_id, school_id, id, data, len, mime, name, &dbe);
	app_db_put(a, db);
	if (rc < 0)
		return app_db_fail(e, &dbe, who->request_id);
	if (rc == 1)
		return app_fail(e, 404, "NOT_FOUND", "没有这份证明材料，或不在您的权限范围内");
	return 0;
}

/* Adds evidence: [{id, file_name, mime, size}] to each item of the
 * school's answer that has files (and to its self-assessment). */
void sv_evidence_attach(json_t *items, const struct db_res *r)
{
	json_t *it;
	size_t i;

	json_array_foreach(items, i, it) {
		json_t *list = json_array(), *self = json_object_get(it, "self");
		const char *id = json_string_value(json_object_get(it, "id"));

		for (int k = 0; k < db_res_rows(r); k++)
			if (!strcmp(db_res_text(r, k, SVE_ITEM), id))
				json_array_append_new(list, json_pack(
					"{s:I,s:s,s:s,s:I}", "id", (json_int_t)db_res_int(r, k, SVE_ID),
					"file_name", db_res_text(r, k, SVE_NAME), "mime",
					db_res_text(r, k, SVE_MIME), "size",
					(json_int_t)db_res_int(r, k, SVE_SIZE)));
		if (json_is_object(self))
			json_object_set(self, "evidence", list);
		json_object_set_new(it, "evidence", list);
	}
}
