/* app_import.c - importing the files schools keep (app_org.h has the
 * formats). One file is one transaction: every row is checked first against
 * the codes already stored and those earlier in the file; with any bad row
 * nothing is stored and each bad row is reported with its line and reason. */
#include "app/app_internal.h"
#include "app/app_org.h"
#include "core/curriculum.h"
#include "store/store_org.h"
#include "util/strmap.h"
#include "util/randtext.h"
#include "util/timeutil.h"

#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_REPORTED 1000

enum col_type { C_CODE, C_TEXT, C_KIND, C_BOOL, C_GRADE, C_GENDER, C_SUBJECT, C_SUBJECTS,
		C_RELATION, C_PHONE, C_USER };

struct col {
	const char *name;
	enum col_type type;
	int required;
	int max; /* characters for text */
};

/* One table per kind: the file's columns. */
static const struct col cols_schools[] = {
	{ "学校代码", C_CODE, 1, 32 }, { "学校名称", C_TEXT, 1, 64 }, { "学校类型", C_KIND, 1, 0 },
	{ "寄宿", C_BOOL, 0, 0 }, { "联盟集团", C_TEXT, 0, 64 }, { NULL, 0, 0, 0 }
};
static const struct col cols_staff[] = {
	{ "学校代码", C_CODE, 1, 32 }, { "工号", C_CODE, 1, 32 }, { "姓名", C_TEXT, 1, 32 },
	{ "任教学科", C_SUBJECTS, 0, 0 }, { "登录名", C_USER, 0, 32 }, { NULL, 0, 0, 0 }
};
static const struct col cols_classes[] = {
	{ "学校代码", C_CODE, 1, 32 }, { "班级代码", C_CODE, 1, 32 }, { "年级", C_GRADE, 1, 0 },
	{ "班级名称", C_TEXT, 1, 32 }, { "班主任工号", C_CODE, 0, 32 }, { NULL, 0, 0, 0 }
};
static const struct col cols_teaching[] = {
	{ "学校代码", C_CODE, 1, 32 }, { "班级代码", C_CODE, 1, 32 }, { "学科", C_SUBJECT, 1, 0 },
	{ "工号", C_CODE, 1, 32 }, { NULL, 0, 0, 0 }
};
static const struct col cols_students[] = {
	{ "学籍号", C_CODE, 1, 32 }, { "姓名", C_TEXT, 1, 32 }, { "性别", C_GENDER, 1, 0 },
	{ "学校代码", C_CODE, 1, 32 }, { "班级代码", C_CODE, 1, 32 }, { "特殊需要", C_BOOL, 0, 0 },
	{ "寄宿", C_BOOL, 0, 0 }, { "留守", C_BOOL, 0, 0 }, { NULL, 0, 0, 0 }
};
static const struct col cols_guardians[] = {
	{ "学籍号", C_CODE, 1, 32 }, { "监护人姓名", C_TEXT, 1, 32 }, { "关系", C_RELATION, 1, 0 },
	{ "手机号", C_PHONE, 1, 0 }, { "登录名", C_USER, 0, 32 }, { NULL, 0, 0, 0 }
};

static const struct col *const kind_cols[IMPORT_KINDS] = {
	cols_schools, cols_staff, cols_classes, cols_teaching, cols_students, cols_guardians
};
static const char *const kind_ids[IMPORT_KINDS] = {
	"schools", "staff", "classes", "teaching", "students", "guardians"
};

static const char *const relations[] = {
	"父亲", "母亲", "祖父", "祖母", "外祖父", "外祖母", "其他监护人", NULL
};
static int in_list(const char *s, const char *const *list);

static const char *const grade_names[] = {
	"一年级", "二年级", "三年级", "四年级", "五年级", "六年级", "七年级", "八年级", "九年级", NULL
};

int import_kind_parse(const char *s)
{
	for (int k = 0; s && k < IMPORT_KINDS; k++)
		if (!strcmp(s, kind_ids[k]))
			return k;
	return -1;
}

const char *import_kind_id(enum import_kind k)
{
	return (k >= 0 && k < IMPORT_KINDS) ? kind_ids[k] : "";
}

/* What goes in a column, in words, for the template's 填写说明 sheet. */
static void col_rule(const struct col *c, char *out, size_t cap)
{
	switch (c->type) {
	case C_KIND: snprintf(out, cap, "小学、初中 或 九年一贯制"); break;
	case C_BOOL: snprintf(out, cap, "是 或 否，留空为否"); break;
	case C_GRADE: snprintf(out, cap, "1–9，或 一年级 … 九年级"); break;
	case C_GENDER: snprintf(out, cap, "男 或 女"); break;
	case C_SUBJECT: snprintf(out, cap, "一门学科，如 语文、数学、道德与法治"); break;
	case C_SUBJECTS: snprintf(out, cap, "多个学科用“、”分隔，如 语文、数学"); break;
	case C_RELATION: snprintf(out, cap, "父亲、母亲、祖父、祖母、外祖父、外祖母 或 其他监护人"); break;
	case C_PHONE: snprintf(out, cap, "11 位手机号"); break;
	case C_USER: snprintf(out, cap, "已有的平台账号用户名，最多 %d 个字符", c->max); break;
	default: snprintf(out, cap, "最多 %d 个字", c->max); break;
	}
}

size_t app_import_template(enum import_kind k, const char **names, size_t cap, struct table *notes)
{
	size_t n = 0;

	memset(notes, 0, sizeof *notes);
	if (k < 0 || k >= IMPORT_KINDS)
		return 0;
	for (const struct col *c = kind_cols[k]; c->name && n < cap; c++, n++) {
		char rule[160];
		const char *cells[3] = { c->name, c->required ? "必填" : "选填", rule };

		names[n] = c->name;
		col_rule(c, rule, sizeof rule);
		if (table_add_row(notes, (int)n + 2, cells, 3) != 0) {
			table_free(notes);
			return 0;
		}
	}
	return n;
}

void import_report_free(struct import_report *r)
{
	json_decref(r->errors);
	memset(r, 0, sizeof *r);
}

/* ---- the run: maps of stored codes, the header, each row ---- */

struct run {
	struct app *a;
	const struct actor *who;
	enum import_kind kind;
	const struct table *t;
	int dry_run;
	struct import_report *rep;
	void (*progress)(long, long, void *);
	void *arg;

	int colidx[16]; /* position of each spec column in the file, -1 if absent */
	struct strmap schools, classes, staff, students, guardians, users, seen;
	struct strmap school_kind; /* school id (text) -> 1 primary, 2 junior, 3 nine-year */
	int64_t now;
	struct db *db;       /* the import's connection (inside its transaction) */
	struct db_err *dbe;
	int failed;          /* a store error during the checks */
	int last_bad_line;   /* the line of the last row error (rows, not cells) */
	int other_school;    /* a row named a record of another school */
};

static void report(struct run *r, int line, const char *column, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void report_other(struct run *r, int line, const char *column, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* One row error. rep->nerrors counts rows, not cells: a row with three bad
 * cells is one bad row (rows are checked in order, so a new line is a new
 * row). code: IMPORT_ROW, or IMPORT_OTHER_SCHOOL for a row that names a
 * record of another school. */
static void vreport(struct run *r, int line, const char *column, const char *code,
		    const char *fmt, va_list ap) __attribute__((format(printf, 5, 0)));
static void vreport(struct run *r, int line, const char *column, const char *code,
		    const char *fmt, va_list ap)
{
	char msg[256];
	json_t *entry;

	if (line != r->last_bad_line)
		r->rep->nerrors++;
	r->last_bad_line = line;
	if (json_array_size(r->rep->errors) >= MAX_REPORTED)
		return;
	vsnprintf(msg, sizeof msg, fmt, ap);
	entry = json_pack("{s:i,s:s,s:s,s:s}", "line", line, "column", column ? column : "",
			  "code", code, "message", msg);
	if (!entry) /* text cut inside a character: keep the row, drop the text */
		entry = json_pack("{s:i,s:s,s:s,s:s}", "line", line, "column", "", "code", code,
				  "message", "此行有错误");
	json_array_append_new(r->rep->errors, entry);
}

static void report(struct run *r, int line, const char *column, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(r, line, column, "IMPORT_ROW", fmt, ap);
	va_end(ap);
}

/* A row that names a record another school owns: a school creates and
 * updates only its own records; moving one is a transfer (app_transfer.c). */
static void report_other(struct run *r, int line, const char *column, const char *fmt, ...)
{
	va_list ap;

	r->other_school = 1;
	va_start(ap, fmt);
	vreport(r, line, column, "IMPORT_OTHER_SCHOOL", fmt, ap);
	va_end(ap);
}

static int in_list(const char *s, const char *const *list)
{
	for (int i = 0; list[i]; i++)
		if (!strcmp(s, list[i]))
			return i + 1;
	return 0;
}

static int code_ok(const char *s)
{
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		      *s == '-' || *s == '_' || *s == '.'))
			return 0;
	return 1;
}

/* The length of a subject separator at s (、 , ， ; ； or a space), or 0.
 * Separators are whole UTF-8 sequences: splitting on their bytes would cut
 * characters such as 道 (E9 81 93) in half. */
static size_t separator_at(const char *s)
{
	static const char *const seps[] = { "、", "，", "；", ",", ";", " ", NULL };

	for (int i = 0; seps[i]; i++)
		if (!strncmp(s, seps[i], strlen(seps[i])))
			return strlen(seps[i]);
	return 0;
}

static int subjects_ok(const char *s, char *bad, size_t cap)
{
	while (*s) {
		size_t sep = separator_at(s), n = 0;
		char tok[64];

		if (sep) {
			s += sep;
			continue;
		}
		while (s[n] && !separator_at(s + n))
			n++;
		if (n >= sizeof tok) {
			jf_utf8_copy(bad, cap, s);
			return 0;
		}
		memcpy(tok, s, n);
		tok[n] = '\0';
		if (!subject_ok(tok)) {
			jf_utf8_copy(bad, cap, tok);
			return 0;
		}
		s += n;
	}
	return 1;
}

/* The cell of spec column k in a row ("" when absent). */
static const char *cell(const struct run *r, const struct table_row *row, int k)
{
	int i = r->colidx[k];

	return (i >= 0 && (size_t)i < row->ncells) ? row->cells[i] : "";
}

/* Check every cell of a row against its column's type. 0 when all good. */
static int check_cells(struct run *r, const struct table_row *row)
{
	const struct col *c = kind_cols[r->kind];
	int bad = 0;

	for (int k = 0; c[k].name; k++) {
		const char *v = cell(r, row, k);
		char what[64];

		if (!*v) {
			if (c[k].required) {
				report(r, row->line, c[k].name, "%s不能为空", c[k].name);
				bad = 1;
			}
			continue;
		}
		switch (c[k].type) {
		case C_CODE:
			if (!code_ok(v) || strlen(v) > (size_t)c[k].max) {
				report(r, row->line, c[k].name, "%s只能由字母、数字和 - _ . 组成，最多 %d 个字符",
				       c[k].name, c[k].max);
				bad = 1;
			}
			break;
		case C_TEXT:
		case C_USER:
			if (jf_utf8_len(v) > (size_t)c[k].max || strpbrk(v, "\t\n")) {
				report(r, row->line, c[k].name, "%s最多 %d 个字符，且不能换行", c[k].name,
				       c[k].max);
				bad = 1;
			}
			break;
		case C_KIND:
			if (!in_list(v, (const char *const[]){ "小学", "初中", "九年一贯制", NULL })) {
				report(r, row->line, c[k].name, "学校类型应为 小学、初中 或 九年一贯制");
				bad = 1;
			}
			break;
		case C_BOOL:
			if (!in_list(v, (const char *const[]){ "是", "否", NULL })) {
				report(r, row->line, c[k].name, "%s应填 是 或 否", c[k].name);
				bad = 1;
			}
			break;
		case C_GRADE:
			if (!in_list(v, grade_names) &&
			    !(strlen(v) == 1 && v[0] >= '1' && v[0] <= '9')) {
				report(r, row->line, c[k].name, "年级应为 1 到 9（或 一年级 到 九年级）");
				bad = 1;
			}
			break;
		case C_GENDER:
			if (!in_list(v, (const char *const[]){ "男", "女", NULL })) {
				report(r, row->line, c[k].name, "性别应为 男 或 女");
				bad = 1;
			}
			break;
		case C_SUBJECT:
			if (!subject_ok(v)) {
				jf_utf8_copy(what, sizeof what, v);
				report(r, row->line, c[k].name, "不认识的学科：%s", what);
				bad = 1;
			}
			break;
		case C_SUBJECTS:
			if (!subjects_ok(v, what, sizeof what)) {
				report(r, row->line, c[k].name, "不认识的学科：%s（多个学科用 、 分隔）", what);
				bad = 1;
			}
			break;
		case C_RELATION:
			if (!in_list(v, relations)) {
				report(r, row->line, c[k].name,
				       "关系应为 父亲、母亲、祖父、祖母、外祖父、外祖母 或 其他监护人");
				bad = 1;
			}
			break;
		case C_PHONE:
			if (strlen(v) != 11 || v[0] != '1' || strspn(v, "0123456789") != 11) {
				report(r, row->line, c[k].name, "手机号应为 11 位数字");
				bad = 1;
			}
			break;
		}
	}
	return bad;
}

static int grade_of(const char *v)
{
	int i = in_list(v, grade_names);

	return i ? i : v[0] - '0';
}

static int yes(const char *v)
{
	return !strcmp(v, "是");
}

/* The header row: every required column present, no unknown or repeated
 * column. */
static int map_header(struct run *r)
{
	const struct col *c = kind_cols[r->kind];
	const struct table_row *h = &r->t->rows[0];
	int bad = 0;

	for (int k = 0; k < 16; k++)
		r->colidx[k] = -1;
	for (size_t i = 0; i < h->ncells; i++) {
		int found = -1;

		for (int k = 0; c[k].name; k++)
			if (!strcmp(h->cells[i], c[k].name))
				found = k;
		if (found < 0 && *h->cells[i]) {
			char name[64];

			jf_utf8_copy(name, sizeof name, h->cells[i]);
			report(r, h->line, name, "多余的列：%s（%s 文件的列见说明）", name, kind_ids[r->kind]);
			bad = 1;
		} else if (found >= 0 && r->colidx[found] >= 0) {
			report(r, h->line, h->cells[i], "重复的列：%s", h->cells[i]);
			bad = 1;
		} else if (found >= 0) {
			r->colidx[found] = (int)i;
		}
	}
	for (int k = 0; c[k].name; k++)
		if (c[k].required && r->colidx[k] < 0) {
			report(r, h->line, c[k].name, "缺少必填列：%s", c[k].name);
			bad = 1;
		}
	return bad;
}

/* ---- code maps ---- */

static int load_map(struct db *db, struct strmap *m, int (*fn)(struct db *, int64_t, struct db_res **,
			struct db_err *), int64_t d, int keycol, int keycol2, int valcol,
			struct db_err *dbe)
{
	struct db_res *res = NULL;

	if (fn(db, d, &res, dbe) != 0)
		return -1;
	for (int i = 0; i < db_res_rows(res); i++) {
		char key[128];

		if (keycol2 >= 0)
			snprintf(key, sizeof key, "%s/%s", db_res_text(res, i, keycol),
				 db_res_text(res, i, keycol2));
		else
			snprintf(key, sizeof key, "%s", db_res_text(res, i, keycol));
		if (strmap_put(m, key, db_res_int(res, i, valcol)) != 0) {
			db_res_free(res);
			dbe->kind = DB_ERR_OTHER;
			snprintf(dbe->msg, sizeof dbe->msg, "out of memory");
			return -1;
		}
	}
	db_res_free(res);
	return 0;
}

static int load_maps(struct run *r, struct db *db, struct db_err *dbe)
{
	int64_t d = r->who->district_id;

	/* keys: school code; "school_id/class code"; staff no ("@no" -> school id);
	 * registry no ("@no" -> school id); phone; user name ("@name" -> role). */
	/* Only the codes this kind refers to: students and guardians are looked
	 * up row by row (by index), so chunked imports of millions of students
	 * do not reload every code of the district each time. */
	int kd = r->kind;
	int need_classes = kd == IMPORT_CLASSES || kd == IMPORT_TEACHING || kd == IMPORT_STUDENTS;
	int need_staff = kd == IMPORT_STAFF || kd == IMPORT_CLASSES || kd == IMPORT_TEACHING;

	if (load_map(db, &r->schools, store_codes_schools, d, 0, -1, 1, dbe) ||
	    (need_classes && load_map(db, &r->classes, store_codes_classes, d, 0, 1, 2, dbe)) ||
	    (need_staff && load_map(db, &r->staff, store_codes_staff, d, 0, -1, 1, dbe)) ||
	    load_map(db, &r->users, store_codes_users, d, 0, -1, 1, dbe))
		return -1;
	{
		struct db_res *res = NULL;

		if (store_school_kind(db, d, &res, dbe) != 0)
			return -1;
		for (int i = 0; i < db_res_rows(res); i++) {
			const char *k = db_res_text(res, i, 1);

			strmap_put(&r->school_kind, db_res_text(res, i, 0),
				   !strcmp(k, "primary") ? 1 : !strcmp(k, "junior") ? 2 : 3);
		}
		db_res_free(res);
		res = NULL;
		if (need_staff && store_codes_staff(db, d, &res, dbe) != 0)
			return -1;
		for (int i = 0; need_staff && i < db_res_rows(res); i++) {
			char key[80];

			snprintf(key, sizeof key, "@%s", db_res_text(res, i, 0));
			strmap_put(&r->staff, key, db_res_int(res, i, 2));
		}
		db_res_free(res);
		res = NULL;
		if (store_codes_users(db, d, &res, dbe) != 0)
			return -1;
		for (int i = 0; i < db_res_rows(res); i++) {
			char key[80];

			snprintf(key, sizeof key, "@%s", db_res_text(res, i, 0));
			strmap_put(&r->users, key, role_parse(db_res_text(res, i, 2)));
		}
		db_res_free(res);
	}
	return 0;
}

static void free_maps(struct run *r)
{
	strmap_free(&r->schools);
	strmap_free(&r->classes);
	strmap_free(&r->staff);
	strmap_free(&r->students);
	strmap_free(&r->guardians);
	strmap_free(&r->users);
	strmap_free(&r->seen);
	strmap_free(&r->school_kind);
}

/* The school of a row, checked: it exists, and a principal's own. */
static int row_school(struct run *r, const struct table_row *row, int k, int64_t *sid)
{
	const char *code = cell(r, row, k);

	if (!strmap_get(&r->schools, code, sid)) {
		report(r, row->line, "学校代码", "没有学校代码为 %s 的学校（请先导入学校）", code);
		return -1;
	}
	if (r->who->role != ROLE_DISTRICT_ADMIN && *sid != r->who->school_id) {
		report_other(r, row->line, "学校代码", "只能导入本校的数据（%s 属于其他学校）", code);
		return -1;
	}
	return 0;
}

static int row_user(struct run *r, const struct table_row *row, int k, enum role want1,
		    enum role want2, int64_t *uid)
{
	const char *name = cell(r, row, k);
	char key[80];
	int64_t role = 0;

	*uid = 0;
	if (!*name)
		return 0;
	snprintf(key, sizeof key, "@%s", name);
	if (!strmap_get(&r->users, name, uid) || !strmap_get(&r->users, key, &role)) {
		report(r, row->line, "登录名", "没有登录名为 %s 的用户（请先创建账号）", name);
		return -1;
	}
	if (role != want1 && role != want2) {
		report(r, row->line, "登录名", "用户 %s 的角色不能关联到这一行", name);
		return -1;
	}
	return 0;
}

/* A code seen twice in one file is an error naming the first line. */
static int first_in_file(struct run *r, const struct table_row *row, const char *key,
			 const char *column)
{
	int64_t line;

	if (strmap_get(&r->seen, key, &line)) {
		report(r, row->line, column, "与第 %lld 行重复", (long long)line);
		return 0;
	}
	strmap_put(&r->seen, key, row->line);
	return 1;
}

/* A stored guardian (by phone) who also serves a child of another school:
 * this school may add the relation to its own child, but not change the
 * guardian's name or account link (links come from activation). */
static int shared_guardian(struct run *r, const struct table_row *row)
{
	struct store_guardian_share g = { 0 };
	int rc = store_guardian_share(r->db, r->who->district_id, cell(r, row, 3),
				      r->who->school_id, &g, r->dbe);

	if (rc < 0)
		return r->failed = -1;
	if (rc == 1 || !g.other_schools)
		return 0;
	if (strcmp(g.name, cell(r, row, 1)) != 0) {
		report_other(r, row->line, "监护人姓名",
			     "手机号 %s 的监护人也是其他学校学生的监护人，属于其他学校的记录，不能修改姓名（现为 %s）",
			     cell(r, row, 3), g.name);
		return -1;
	}
	if (*cell(r, row, 4) && strcmp(g.username, cell(r, row, 4)) != 0) {
		report_other(r, row->line, "登录名",
			     "手机号 %s 的监护人也是其他学校学生的监护人，属于其他学校的记录，不能更改关联的账号",
			     cell(r, row, 3));
		return -1;
	}
	return 0;
}

/* Reference checks for one row; counts created/updated. 0 when good. */
static int check_refs(struct run *r, const struct table_row *row)
{
	int64_t sid = 0, id = 0, uid = 0, kind = 0;
	char key[160];
	int stored, rc;

	switch (r->kind) {
	case IMPORT_SCHOOLS:
		if (r->who->role != ROLE_DISTRICT_ADMIN) {
			report(r, row->line, "", "只有教育局管理员可以导入学校");
			return -1;
		}
		if (!first_in_file(r, row, cell(r, row, 0), "学校代码"))
			return -1;
		stored = strmap_get(&r->schools, cell(r, row, 0), NULL);
		break;
	case IMPORT_STAFF:
		if (row_school(r, row, 0, &sid) || row_user(r, row, 4, ROLE_TEACHER, ROLE_PRINCIPAL, &uid))
			return -1;
		if (!first_in_file(r, row, cell(r, row, 1), "工号"))
			return -1;
		snprintf(key, sizeof key, "@%s", cell(r, row, 1));
		if (strmap_get(&r->staff, key, &id) && id != sid) {
			report_other(r, row->line, "工号",
				     "工号 %s 的教职工属于其他学校，不能在本文件中修改；调往本校请办理调动",
				     cell(r, row, 1));
			return -1;
		}
		stored = strmap_get(&r->staff, cell(r, row, 1), NULL);
		break;
	case IMPORT_CLASSES: {
		int g = grade_of(cell(r, row, 2));
		char sk[32];

		if (row_school(r, row, 0, &sid))
			return -1;
		snprintf(sk, sizeof sk, "%lld", (long long)sid);
		strmap_get(&r->school_kind, sk, &kind);
		if ((kind == 1 && g > 6) || (kind == 2 && g < 7)) {
			report(r, row->line, "年级", "%s 年级与学校类型（%s）不符", cell(r, row, 2),
			       kind == 1 ? "小学：1-6 年级" : "初中：7-9 年级");
			return -1;
		}
		if (*cell(r, row, 4)) {
			snprintf(key, sizeof key, "@%s", cell(r, row, 4));
			if (!strmap_get(&r->staff, key, &id) || id != sid) {
				report(r, row->line, "班主任工号", "本校没有工号为 %s 的教师", cell(r, row, 4));
				return -1;
			}
		}
		snprintf(key, sizeof key, "%lld/%s", (long long)sid, cell(r, row, 1));
		if (!first_in_file(r, row, key, "班级代码"))
			return -1;
		stored = strmap_get(&r->classes, key, NULL);
		break;
	}
	case IMPORT_TEACHING:
		if (row_school(r, row, 0, &sid))
			return -1;
		snprintf(key, sizeof key, "%lld/%s", (long long)sid, cell(r, row, 1));
		if (!strmap_get(&r->classes, key, NULL)) {
			report(r, row->line, "班级代码", "本校没有班级代码为 %s 的班级", cell(r, row, 1));
			return -1;
		}
		snprintf(key, sizeof key, "@%s", cell(r, row, 3));
		if (!strmap_get(&r->staff, key, &id) || id != sid) {
			report(r, row->line, "工号", "本校没有工号为 %s 的教师", cell(r, row, 3));
			return -1;
		}
		snprintf(key, sizeof key, "%lld/%s/%s/%s", (long long)sid, cell(r, row, 1),
			 cell(r, row, 2), cell(r, row, 3));
		if (!first_in_file(r, row, key, "学科"))
			return -1;
		stored = 0;
		break;
	case IMPORT_STUDENTS:
		if (row_school(r, row, 3, &sid))
			return -1;
		snprintf(key, sizeof key, "%lld/%s", (long long)sid, cell(r, row, 4));
		if (!strmap_get(&r->classes, key, NULL)) {
			report(r, row->line, "班级代码", "学校 %s 没有班级代码为 %s 的班级", cell(r, row, 3),
			       cell(r, row, 4));
			return -1;
		}
		if (!first_in_file(r, row, cell(r, row, 0), "学籍号"))
			return -1;
		rc = store_student_lookup(r->db, r->who->district_id, cell(r, row, 0), &id, &kind,
					  r->dbe);
		if (rc < 0)
			return r->failed = -1;
		if (rc == 0 && kind != sid) {
			report_other(r, row->line, "学籍号",
				     "学籍号 %s 的学生属于其他学校，不能在本文件中修改；转入本校请办理转学",
				     cell(r, row, 0));
			return -1;
		}
		stored = rc == 0;
		break;
	default: /* IMPORT_GUARDIANS */
		rc = store_student_lookup(r->db, r->who->district_id, cell(r, row, 0), &id, &sid,
					  r->dbe);
		if (rc < 0)
			return r->failed = -1;
		if (rc == 1) {
			report(r, row->line, "学籍号", "没有学籍号为 %s 的学生（请先导入学生）", cell(r, row, 0));
			return -1;
		}
		strmap_put(&r->students, cell(r, row, 0), id); /* for the apply step */
		if (r->who->role != ROLE_DISTRICT_ADMIN && sid != r->who->school_id) {
			report_other(r, row->line, "学籍号", "学籍号 %s 的学生属于其他学校，只能导入本校学生的监护人",
				     cell(r, row, 0));
			return -1;
		}
		if (row_user(r, row, 4, ROLE_PARENT, ROLE_PARENT, &uid))
			return -1;
		snprintf(key, sizeof key, "%s/%s", cell(r, row, 0), cell(r, row, 3));
		if (!first_in_file(r, row, key, "手机号"))
			return -1;
		/* the same guardian on several rows (siblings) is one record */
		stored = strmap_get(&r->guardians, cell(r, row, 3), NULL);
		if (!stored) {
			rc = store_guardian_lookup(r->db, r->who->district_id, cell(r, row, 3), &id, r->dbe);
			if (rc < 0)
				return r->failed = -1;
			stored = rc == 0;
			strmap_put(&r->guardians, cell(r, row, 3), stored ? id : 0);
		}
		if (stored && r->who->role != ROLE_DISTRICT_ADMIN && shared_guardian(r, row) != 0)
			return -1;
		break;
	}
	if (stored)
		r->rep->updated++;
	else
		r->rep->created++;
	return 0;
}

static const char *school_kind_id(const char *v)
{
	return !strcmp(v, "小学") ? "primary" : !strcmp(v, "初中") ? "junior" : "nine_year";
}

/* Store one checked row. */
static int apply_row(struct run *r, struct db *db, const struct table_row *row, struct db_err *dbe)
{
	int64_t d = r->who->district_id, sid = 0, id = 0, uid = 0, cid = 0, head = 0;
	char key[160], code[11];

	switch (r->kind) {
	case IMPORT_SCHOOLS:
		if (store_school_upsert(db, d, cell(r, row, 0), cell(r, row, 1),
					school_kind_id(cell(r, row, 2)), yes(cell(r, row, 3)),
					cell(r, row, 4), r->now, &id, dbe) != 0)
			return -1;
		return strmap_put(&r->schools, cell(r, row, 0), id);
	case IMPORT_STAFF:
		strmap_get(&r->schools, cell(r, row, 0), &sid);
		strmap_get(&r->users, cell(r, row, 4), &uid);
		return store_staff_upsert(db, d, sid, cell(r, row, 1), cell(r, row, 2), cell(r, row, 3),
					  *cell(r, row, 4) ? uid : 0, &id, dbe);
	case IMPORT_CLASSES:
		strmap_get(&r->schools, cell(r, row, 0), &sid);
		if (*cell(r, row, 4))
			strmap_get(&r->staff, cell(r, row, 4), &head);
		randtext(code, 10, 0); /* random: says nothing of the class */
		return store_class_upsert(db, d, sid, cell(r, row, 1), grade_of(cell(r, row, 2)),
					  cell(r, row, 3), code, head, &id, dbe);
	case IMPORT_TEACHING:
		strmap_get(&r->schools, cell(r, row, 0), &sid);
		snprintf(key, sizeof key, "%lld/%s", (long long)sid, cell(r, row, 1));
		strmap_get(&r->classes, key, &cid);
		strmap_get(&r->staff, cell(r, row, 3), &id);
		return store_teaching_add(db, d, cid, id, cell(r, row, 2), dbe);
	case IMPORT_STUDENTS:
		strmap_get(&r->schools, cell(r, row, 3), &sid);
		snprintf(key, sizeof key, "%lld/%s", (long long)sid, cell(r, row, 4));
		strmap_get(&r->classes, key, &cid);
		return store_student_upsert(db, d, sid, cid, cell(r, row, 0), cell(r, row, 1),
					    !strcmp(cell(r, row, 2), "女") ? "F" : "M",
					    yes(cell(r, row, 5)), yes(cell(r, row, 6)),
					    yes(cell(r, row, 7)), NULL, dbe);
	default: { /* IMPORT_GUARDIANS */
		int64_t stid = 0, gid = 0;

		strmap_get(&r->students, cell(r, row, 0), &stid);
		if (*cell(r, row, 4))
			strmap_get(&r->users, cell(r, row, 4), &uid);
		if (store_guardian_upsert(db, d, cell(r, row, 1), cell(r, row, 3), uid, &gid, dbe) ||
		    strmap_put(&r->guardians, cell(r, row, 3), gid))
			return -1;
		return store_guardian_link(db, d, gid, stid, cell(r, row, 2), dbe);
	}
	}
}

static int import_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct run *r = vctx;
	long n = (long)r->t->nrows - 1;
	char object[48];
	json_t *d;
	int rc;

	r->db = db;
	r->dbe = dbe;
	if (load_maps(r, db, dbe) != 0)
		return -1;
	if (map_header(r) == 0) {
		for (long i = 1; i <= n; i++) {
			const struct table_row *row = &r->t->rows[i];

			r->rep->rows++;
			if (check_cells(r, row) == 0)
				check_refs(r, row);
			if (r->failed)
				return -1; /* a store error: rolled back, answered 503 */
			if (r->progress && i % 50000 == 0)
				r->progress(i, n * 2, r->arg);
		}
	}
	if (r->rep->nerrors) {
		/* IMPORT_OTHER_SCHOOL outranks the rest: someone reached past their school */
		app_fail(e, 422, r->other_school ? "IMPORT_OTHER_SCHOOL" : "IMPORT_INVALID",
			 "文件中有 %ld 行有错误%s，全部未导入，请修改后重试", r->rep->nerrors,
			 r->other_school ? "（其中有属于其他学校的记录）" : "");
		e->details = json_pack("{s:O,s:I}", "errors", r->rep->errors, "error_rows",
				       (json_int_t)r->rep->nerrors);
		return -1;
	}
	if (r->dry_run)
		return 0;
	if (n > 10000 && store_bulk_begin(db, dbe) != 0)
		return -1;
	for (long i = 1; i <= n; i++) {
		if (apply_row(r, db, &r->t->rows[i], dbe) != 0) {
			store_bulk_end(db, &(struct db_err){ 0 });
			return -1;
		}
		if (r->progress && i % 50000 == 0)
			r->progress(n + i, n * 2, r->arg);
	}
	if (n > 10000 && store_bulk_end(db, dbe) != 0)
		return -1;
	snprintf(object, sizeof object, "import/%s", kind_ids[r->kind]);
	d = json_pack("{s:I,s:I,s:I,s:s,s:s}", "rows", (json_int_t)r->rep->rows, "created",
		      (json_int_t)r->rep->created, "updated", (json_int_t)r->rep->updated,
		      "format", r->t->format, "encoding", r->t->encoding);
	rc = app_audit(db, r->who, "import.file", object, "ok", d, dbe);
	json_decref(d);
	return rc;
}

int app_import(struct app *a, const struct actor *who, enum import_kind kind,
	       const struct table *t, bool dry_run, struct import_report *rep,
	       void (*progress)(long done, long total, void *arg), void *arg, struct app_err *e)
{
	struct run r = { .a = a, .who = who, .kind = kind, .t = t, .dry_run = dry_run, .rep = rep,
			 .progress = progress, .arg = arg, .now = time_now() };
	int rc;

	memset(rep, 0, sizeof *rep);
	rep->errors = json_array();
	if (kind < 0 || kind >= IMPORT_KINDS)
		return app_fail(e, 400, "IMPORT_KIND", "不认识的导入类型");
	if (who->role != ROLE_DISTRICT_ADMIN &&
	    !((who->role == ROLE_PRINCIPAL || who->role == ROLE_ACADEMIC_OFFICE) && who->school_id))
		return app_fail(e, 403, "FORBIDDEN", "您的角色不能导入数据");
	if (!t || t->nrows < 2)
		return app_fail(e, 422, "IMPORT_EMPTY", "文件里没有数据行（第一行应为列名）");
	rc = app_tx(a, import_tx, &r, e);
	free_maps(&r);
	return rc;
}
