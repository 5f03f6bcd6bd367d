/* app_health_fitness.c - the 国家学生体质健康标准 spreadsheet (MG_FITNESS,
 * B28.4): every row checked against the roster first; with any bad row
 * nothing is stored and each bad row is reported with its line. */
#include "app/app_health_internal.h"
#include "core/health.h"
#include "util/strmap.h"
#include "util/timeutil.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_REPORTED 1000

/* The columns read; any other is ignored and listed in the answer. */
enum { COL_REG, COL_NO, COL_NAME, COL_GRADE, COL_TOTAL, COL_FIXED };
static const char *const fixed_cols[COL_FIXED + 1] = { "学籍号", "学生编号", "姓名", "年级", "总分", NULL };
/* Item scores kept as given (the standard's items and the bonus). */
static const char *const item_cols[] = {
	"身高", "体重", "体重指数", "肺活量", "50米跑", "坐位体前屈", "一分钟跳绳",
	"一分钟仰卧起坐", "50米×8往返跑", "立定跳远", "引体向上", "800米跑", "1000米跑",
	"加分", "标准分", "等级", NULL
};
static const char *const grade_names[] = {
	"一年级", "二年级", "三年级", "四年级", "五年级", "六年级", "七年级", "八年级", "九年级", NULL
};

struct fit_run {
	struct app *a;
	const struct actor *who;
	const struct table *t;
	bool dry_run;
	int64_t term_id;
	int col[COL_FIXED];
	int item_col[32]; /* file column of item_cols[k], -1 */
	json_t *errors, *ignored;
	long bad_rows, rows, created, updated, levels[HE_LEVELS];
	int last_bad, other_school, out_of_range;
	struct strmap seen;
};

static void bad(struct fit_run *r, int line, const char *column, const char *code,
		const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static void bad(struct fit_run *r, int line, const char *column, const char *code,
		const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	if (line != r->last_bad)
		r->bad_rows++;
	r->last_bad = line;
	if (json_array_size(r->errors) >= MAX_REPORTED)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	json_array_append_new(r->errors, json_pack("{s:i,s:s,s:s,s:s}", "line", line, "column",
						   column, "code", code, "message", msg));
}

static int in_list(const char *s, const char *const *list)
{
	for (int i = 0; list[i]; i++)
		if (!strcmp(s, list[i]))
			return i + 1;
	return 0;
}

static void map_header(struct fit_run *r)
{
	const struct table_row *h = &r->t->rows[0];

	for (int k = 0; k < COL_FIXED; k++)
		r->col[k] = -1;
	for (int k = 0; k < 32; k++)
		r->item_col[k] = -1;
	for (size_t i = 0; i < h->ncells; i++) {
		const char *name = h->cells[i];
		int f = in_list(name, fixed_cols), it = in_list(name, item_cols);

		if (f && r->col[f - 1] < 0)
			r->col[f - 1] = (int)i;
		else if (it && r->item_col[it - 1] < 0)
			r->item_col[it - 1] = (int)i;
		else if (*name)
			json_array_append_new(r->ignored, json_string(name));
	}
	if (r->col[COL_REG] < 0)
		r->col[COL_REG] = r->col[COL_NO];
	if (r->col[COL_REG] < 0)
		bad(r, h->line, "学籍号", "IMPORT_ROW", "缺少必填列：学籍号（或 学生编号）");
	for (int k = COL_NAME; k < COL_FIXED; k++)
		if (r->col[k] < 0)
			bad(r, h->line, fixed_cols[k], "IMPORT_ROW", "缺少必填列：%s", fixed_cols[k]);
}

static const char *cell(const struct table_row *row, int i)
{
	return (i >= 0 && (size_t)i < row->ncells) ? row->cells[i] : "";
}

static int grade_of(const char *v)
{
	int i = in_list(v, grade_names);

	if (i)
		return i;
	return (strlen(v) == 1 && v[0] >= '1' && v[0] <= '9') ? v[0] - '0' : 0;
}

/* A row checked against the roster: the student, the total's tenths. */
struct fit_row {
	struct store_he_pupil p;
	int tenths;
};

static int check_row(struct fit_run *r, struct db *db, const struct table_row *row,
		     struct fit_row *out, struct db_err *dbe)
{
	const struct policy *pol = &r->a->policy;
	const char *reg = cell(row, r->col[COL_REG]), *name = cell(row, r->col[COL_NAME]);
	const char *total = cell(row, r->col[COL_TOTAL]);
	int grade = grade_of(cell(row, r->col[COL_GRADE])), rc;
	int64_t dup;

	if (!*reg)
		bad(r, row->line, "学籍号", "IMPORT_ROW", "学籍号不能为空");
	if (!grade)
		bad(r, row->line, "年级", "IMPORT_ROW", "年级应为 1 到 9（或 一年级 到 九年级）");
	if (he_tenths_text(total, &out->tenths) != 0)
		bad(r, row->line, "总分", "IMPORT_ROW", "总分应为数字，最多一位小数");
	else if (!he_fitness_ok(pol, out->tenths)) { /* MG_FITNESS: B28.4 */
		r->out_of_range = 1;
		bad(r, row->line, "总分", "MG_FITNESS", "总分 %s 超出《国家学生体质健康标准》的范围 0–%d.%d",
		    total, pol->fitness_max_tenths / 10, pol->fitness_max_tenths % 10);
	}
	if (!*reg)
		return 0;
	if (strmap_get(&r->seen, reg, &dup) == 1) {
		bad(r, row->line, "学籍号", "IMPORT_ROW", "学籍号 %s 在文件中重复（第 %lld 行）", reg,
		    (long long)dup);
		return 0;
	}
	if (strmap_put(&r->seen, reg, row->line) != 0) {
		dbe->kind = DB_ERR_OTHER;
		snprintf(dbe->msg, sizeof dbe->msg, "out of memory");
		return -1;
	}
	rc = store_he_pupil(db, r->who->district_id, reg, &out->p, dbe);
	if (rc < 0)
		return -1;
	if (rc == 1) {
		bad(r, row->line, "学籍号", "IMPORT_ROW", "学籍号 %s 不在学生名册中", reg);
	} else if (r->who->role != ROLE_DISTRICT_ADMIN && out->p.school_id != r->who->school_id) {
		r->other_school = 1;
		bad(r, row->line, "学籍号", "IMPORT_OTHER_SCHOOL", "学籍号 %s 的学生不是本校学生", reg);
	} else {
		if (strcmp(name, out->p.name) != 0)
			bad(r, row->line, "姓名", "IMPORT_ROW", "姓名与学生名册不一致");
		if (grade && grade != out->p.grade)
			bad(r, row->line, "年级", "IMPORT_ROW", "年级与学生名册不一致（名册为 %d 年级）",
			    out->p.grade);
	}
	return 0;
}

static char *items_text(const struct fit_run *r, const struct table_row *row)
{
	json_t *o = json_object();
	char *s;

	for (int k = 0; item_cols[k]; k++)
		if (r->item_col[k] >= 0 && *cell(row, r->item_col[k]))
			json_object_set_new(o, item_cols[k], json_string(cell(row, r->item_col[k])));
	s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(o);
	return s;
}

static int store_row(struct fit_run *r, struct db *db, const struct table_row *row,
		     const struct fit_row *fr, struct db_err *dbe)
{
	enum he_level l = he_fitness_level(&r->a->policy, fr->tenths);
	char *items = items_text(r, row);
	struct store_he_fitness f = { .district_id = r->who->district_id,
				      .school_id = fr->p.school_id, .student_id = fr->p.id,
				      .term_id = r->term_id, .user_id = r->who->user_id,
				      .now = time_now(), .grade = fr->p.grade,
				      .total_tenths = fr->tenths, .level = he_level_id(l),
				      .items = items ? items : "{}" };
	int replaced = 0, rc = store_he_fitness_put(db, &f, &replaced, dbe);

	free(items);
	if (rc == 0) {
		r->levels[l]++;
		if (replaced)
			r->updated++;
		else
			r->created++;
	}
	return rc;
}

static int fit_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct fit_run *r = vctx;
	size_t n = r->t->nrows;
	struct fit_row *rows = calloc(n, sizeof *rows);
	int rc = 0;
	json_t *d;

	if (!rows)
		return app_fail(e, 500, "OUT_OF_MEMORY", "内存不足");
	/* a retried transaction starts over */
	r->bad_rows = r->rows = r->created = r->updated = 0;
	r->last_bad = r->other_school = r->out_of_range = 0;
	memset(r->levels, 0, sizeof r->levels);
	json_array_clear(r->errors);
	json_array_clear(r->ignored);
	strmap_free(&r->seen);
	strmap_init(&r->seen);
	map_header(r);
	if (r->bad_rows == 0) /* a bad header: the rows are not read */
		for (size_t i = 1; rc == 0 && i < n; i++) {
			r->rows++;
			rc = check_row(r, db, &r->t->rows[i], &rows[i], dbe);
		}
	if (rc == 0 && r->bad_rows) {
		const char *code = r->other_school ? "IMPORT_OTHER_SCHOOL"
				   : r->out_of_range ? "MG_FITNESS" : "IMPORT_INVALID";

		app_fail(e, 422, code, "文件中有 %ld 行有错误，全部未导入，请修改后重试", r->bad_rows);
		e->details = json_pack("{s:O,s:I}", "errors", r->errors, "error_rows",
				       (json_int_t)r->bad_rows);
		if (r->out_of_range)
			json_object_set_new(e->details, "clause", he_clause(r->a, "MG_FITNESS"));
		rc = -1;
	} else if (rc == 0 && !r->dry_run) {
		for (size_t i = 1; rc == 0 && i < n; i++)
			rc = store_row(r, db, &r->t->rows[i], &rows[i], dbe);
		d = json_pack("{s:I,s:I,s:I,s:I}", "term_id", (json_int_t)r->term_id, "rows",
			      (json_int_t)r->rows, "created", (json_int_t)r->created, "updated",
			      (json_int_t)r->updated);
		if (rc == 0)
			rc = app_audit(db, r->who, "import.fitness", "import/fitness", "ok", d, dbe);
		json_decref(d);
	} else if (rc == 0) { /* a dry run: the levels it would give */
		for (size_t i = 1; i < n; i++)
			r->levels[he_fitness_level(&r->a->policy, rows[i].tenths)]++;
	}
	free(rows);
	return rc;
}

int app_health_fitness_import(struct app *a, const struct actor *who, const struct table *t,
			      const char *term_id, bool dry_run, json_t **out, struct app_err *e)
{
	struct fit_run r = { .a = a, .who = who, .t = t, .dry_run = dry_run };
	struct store_he_term term;
	char today[11];
	struct db *db;
	json_t *lv;
	int rc;

	if (who->role != ROLE_DISTRICT_ADMIN &&
	    !((who->role == ROLE_PRINCIPAL || who->role == ROLE_ACADEMIC_OFFICE) && who->school_id))
		return app_fail(e, 403, "FORBIDDEN", "您的角色不能导入体质测试成绩");
	if (he_term_arg(term_id, &r.term_id, e) != 0)
		return -1;
	if (!t || t->nrows < 2)
		return app_fail(e, 422, "IMPORT_EMPTY", "文件里没有数据行（第一行应为列名）");
	db = app_db_get(a, e);
	if (!db)
		return -1;
	app_today(a, today);
	rc = he_term(db, who, r.term_id, today, &term, e);
	app_db_put(a, db);
	if (rc != 0)
		return -1;
	r.term_id = term.id;
	strmap_init(&r.seen);
	r.errors = json_array();
	r.ignored = json_array();
	rc = app_tx(a, fit_tx, &r, e);
	strmap_free(&r.seen);
	if (rc == 0) {
		lv = json_object();
		for (int l = 0; l < HE_LEVELS; l++)
			json_object_set_new(lv, he_level_id(l), json_integer(r.levels[l]));
		*out = json_pack("{s:s,s:b,s:I,s:I,s:I,s:I,s:o,s:O,s:s,s:s}", "kind", "fitness",
				 "dry_run", dry_run, "term_id", (json_int_t)r.term_id, "rows",
				 (json_int_t)r.rows, "created", (json_int_t)r.created, "updated",
				 (json_int_t)r.updated, "levels", lv, "ignored_columns", r.ignored,
				 "format", t->format, "encoding", t->encoding);
	}
	json_decref(r.errors);
	json_decref(r.ignored);
	return rc;
}
