/* test_schema.c - the SQLite and the PostgreSQL migrations build the same schema.
 *
 * Both backends are migrated from empty (store_migrate), then each catalogue is
 * read into a sorted list of facts, one per line, and the lists must be equal:
 *
 *   table student
 *   column student.grade int notnull default=0
 *   pk student(id) auto
 *   unique student(district_id,registry_no)
 *   fk student(school_id) -> school(id) on delete no action on update no action
 *   index student_class on student(class_id,id)
 *   index hw_followup_one_open on hw_followup(student_id) unique where {'open', status | =}
 *   check class: {1, 9, grade | <=, >=}
 *   trigger student after update of school_id,withdrawn row
 *
 * On a mismatch the lines only in SQLite (-) and only in PostgreSQL (+) are
 * printed and the test fails. The triggers are also run: the same rows go into
 * both databases and the counters they keep must come out the same.
 *
 * What the facts compare, and what they do not:
 * - Types are compared by class: int (INTEGER, BIGINT, SMALLINT, int2/4/8),
 *   text (TEXT, VARCHAR, CHAR), real, numeric, bool, blob. Widths are not
 *   compared: every SQLite integer is 64 bits, so a PostgreSQL INTEGER column
 *   (32 bits) matches an SQLite INTEGER column.
 * - A key the database assigns is "auto": an SQLite rowid alias (a single
 *   INTEGER PRIMARY KEY column), a PostgreSQL identity or nextval() default.
 *   A rowid alias is never NULL, so it counts as notnull.
 * - Defaults are compared as text with PostgreSQL casts (::text) and outer
 *   parentheses removed. A negative number default that PostgreSQL writes as
 *   '-1'::integer would not match -1 (none exists today).
 * - CHECK constraints and partial-index predicates are compared by the set of
 *   their operands (column names, string and number literals) and the set of
 *   their operators, because PostgreSQL rewrites the text: IN (...) and
 *   = ANY (ARRAY[...]) count as =, BETWEEN as >= and <=, != as <>; AND, OR,
 *   parentheses, commas and casts are dropped. This catches a changed literal
 *   ('M','F' against 'M','F','X'), a changed column, a changed comparison
 *   (> against >=) and a check missing on one side. It does not catch a
 *   change of structure with the same parts (a AND b against a OR b, the
 *   order of BETWEEN's bounds), nor NOT IN against <> ALL (not used). CHECK
 *   clauses of SQLite are read from the CREATE TABLE text, which also holds
 *   the columns added later by ALTER TABLE.
 * - Triggers are compared by table, timing, event, UPDATE OF columns and
 *   orientation, not by name: PostgreSQL may serve two events with one trigger
 *   where SQLite needs two. Their effect is compared by running them.
 * - An index predicate is found after " WHERE " on the CREATE INDEX line.
 *
 * PostgreSQL: SJ_TEST_PG is a libpq conninfo; each database here is a fresh
 * schema (search_path), dropped at the end. `make test` always provides one,
 * so without SJ_TEST_PG this test fails: a comparison with one side is no
 * comparison. SJ_TEST_PG_SKIP=1 skips it on purpose. */
#include "store/db.h"
#include "store/store.h"

#include <ctype.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <cmocka.h>

#include "pg_fixture.h"

/* ---- lists of lines ---------------------------------------------------- */

struct lines {
	char **v;
	size_t n, cap;
};

__attribute__((format(printf, 2, 3))) static void lines_add(struct lines *l, const char *fmt, ...)
{
	char buf[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->v = realloc(l->v, l->cap * sizeof *l->v);
		assert_non_null(l->v);
	}
	l->v[l->n] = strdup(buf);
	assert_non_null(l->v[l->n]);
	l->n++;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void lines_sort(struct lines *l)
{
	if (l->n)
		qsort(l->v, l->n, sizeof *l->v, cmp_str);
}

static void lines_free(struct lines *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	*l = (struct lines){ 0 };
}

/* Remove the first line equal to s; 1 when there was one. */
static int lines_take(struct lines *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++) {
		if (strcmp(l->v[i], s) == 0) {
			free(l->v[i]);
			memmove(l->v + i, l->v + i + 1, (l->n - i - 1) * sizeof *l->v);
			l->n--;
			return 1;
		}
	}
	return 0;
}

/* out += s, bounded */
static void cat(char *out, size_t cap, const char *s)
{
	size_t n = strlen(out);

	if (n < cap)
		snprintf(out + n, cap - n, "%s", s);
}

/* The sorted, distinct lines of l joined by ", " onto out. */
static void cat_set(char *out, size_t cap, struct lines *l)
{
	lines_sort(l);
	for (size_t i = 0; i < l->n; i++) {
		if (i && strcmp(l->v[i], l->v[i - 1]) == 0)
			continue;
		if (i)
			cat(out, cap, ", ");
		cat(out, cap, l->v[i]);
	}
}

/* ---- an SQL tokenizer: words, strings, numbers, operators --------------- */

enum tk { TK_END, TK_WORD, TK_STR, TK_NUM, TK_OP };

struct tok {
	enum tk k;
	const char *s;
	size_t n;
};

static const char *skip_space(const char *p, const char *end)
{
	while (p < end) {
		if (isspace((unsigned char)*p)) {
			p++;
		} else if (end - p >= 2 && p[0] == '-' && p[1] == '-') {
			while (p < end && *p != '\n')
				p++;
		} else if (end - p >= 2 && p[0] == '/' && p[1] == '*') {
			const char *q = memmem(p + 2, (size_t)(end - p - 2), "*/", 2);

			p = q ? q + 2 : end;
		} else {
			break;
		}
	}
	return p;
}

/* p is on an opening quote q; past the closing one (a doubled quote is part of it) */
static const char *quoted_end(const char *p, const char *end, char q)
{
	for (p++; p < end; p++) {
		if (*p != q)
			continue;
		if (p + 1 < end && p[1] == q)
			p++;
		else
			return p + 1;
	}
	return end;
}

static const char *op_end(const char *p, const char *end)
{
	static const char *const two[] = { "<>", "!=", ">=", "<=", "::", "||", "==" };

	for (size_t i = 0; i < sizeof two / sizeof two[0]; i++)
		if (end - p >= 2 && p[0] == two[i][0] && p[1] == two[i][1])
			return p + 2;
	return p + 1;
}

static const char *next_tok(const char *p, const char *end, struct tok *t)
{
	const char *q;

	p = skip_space(p, end);
	t->s = p;
	if (p >= end) {
		t->k = TK_END;
		q = p;
	} else if (*p == '\'') {
		t->k = TK_STR;
		q = quoted_end(p, end, '\'');
	} else if (*p == '"') { /* a quoted name: the name without its quotes */
		t->k = TK_WORD;
		q = quoted_end(p, end, '"');
		t->s = p + 1;
		t->n = (size_t)(q - p) >= 2 ? (size_t)(q - p) - 2 : 0;
		return q;
	} else if (isalpha((unsigned char)*p) || *p == '_') {
		t->k = TK_WORD;
		for (q = p; q < end && (isalnum((unsigned char)*q) || *q == '_'); q++)
			;
	} else if (isdigit((unsigned char)*p)) {
		t->k = TK_NUM;
		for (q = p; q < end && (isdigit((unsigned char)*q) || *q == '.'); q++)
			;
	} else {
		t->k = TK_OP;
		q = op_end(p, end);
	}
	t->n = (size_t)(q - p);
	return q;
}

static int tok_is(const struct tok *t, const char *w)
{
	return t->n == strlen(w) && strncasecmp(t->s, w, t->n) == 0;
}

/* the token's text; words lowercased */
static void tok_text(const struct tok *t, char *out, size_t cap)
{
	size_t n = t->n < cap - 1 ? t->n : cap - 1;

	for (size_t i = 0; i < n; i++)
		out[i] = t->k == TK_WORD ? (char)tolower((unsigned char)t->s[i]) : t->s[i];
	out[n] = '\0';
}

static int word_in(const struct tok *t, const char *const *list)
{
	for (; *list; list++)
		if (tok_is(t, *list))
			return 1;
	return 0;
}

/* ---- expressions: CHECK bodies, index predicates, defaults -------------- */

static const char *const DROP_WORDS[] = { "and", "or", "array", "any", "check", NULL };
static const char *const OP_WORDS[] = { "is", "not", "null", "like", "glob", "case", "when",
					"then", "else", "end", "exists", "true", "false", NULL };

/* One token of an expression into the operand or the operator set. */
static void expr_tok(const struct tok *t, struct lines *opd, struct lines *opr)
{
	char w[256];

	tok_text(t, w, sizeof w);
	if (t->k == TK_STR || t->k == TK_NUM)
		lines_add(opd, "%s", w);
	else if (t->k == TK_OP && t->n == 1 && strchr("(),[]", w[0]))
		return;
	else if (t->k == TK_OP)
		lines_add(opr, "%s", strcmp(w, "!=") == 0 ? "<>" : strcmp(w, "==") == 0 ? "=" : w);
	else if (word_in(t, DROP_WORDS))
		return;
	else if (tok_is(t, "between")) {
		lines_add(opr, ">=");
		lines_add(opr, "<=");
	} else if (tok_is(t, "in"))
		lines_add(opr, "=");
	else if (word_in(t, OP_WORDS))
		lines_add(opr, "%s", w);
	else
		lines_add(opd, "%s", w);
}

/* "{operands | operators}" of the expression [p, end) */
static void expr_norm(const char *p, const char *end, char *out, size_t cap)
{
	struct lines opd = { 0 }, opr = { 0 };
	struct tok t;

	for (p = next_tok(p, end, &t); t.k != TK_END; p = next_tok(p, end, &t)) {
		if (t.k == TK_OP && tok_is(&t, "::")) { /* a cast: drop it and its type */
			p = next_tok(p, end, &t);
			continue;
		}
		expr_tok(&t, &opd, &opr);
	}
	snprintf(out, cap, "{");
	cat_set(out, cap, &opd);
	cat(out, cap, " | ");
	cat_set(out, cap, &opr);
	cat(out, cap, "}");
	lines_free(&opd);
	lines_free(&opr);
}

/* A default's text without casts and outer parentheses: ''::text -> '' */
static void default_norm(const char *s, char *out, size_t cap)
{
	const char *p = s, *end = s + strlen(s);
	struct tok t;
	size_t n;

	out[0] = '\0';
	for (p = next_tok(p, end, &t); t.k != TK_END; p = next_tok(p, end, &t)) {
		char w[512];

		if (t.k == TK_OP && tok_is(&t, "::")) {
			p = next_tok(p, end, &t);
			continue;
		}
		if (out[0] && t.k != TK_OP && !strchr("(", out[strlen(out) - 1]))
			cat(out, cap, " ");
		snprintf(w, sizeof w, "%.*s", (int)t.n, t.s);
		cat(out, cap, w);
	}
	n = strlen(out);
	while (n >= 2 && out[0] == '(' && out[n - 1] == ')') {
		memmove(out, out + 1, n - 2);
		n -= 2;
		out[n] = '\0';
	}
}

/* Each CHECK (...) clause of an SQL text, normalized, as "check TABLE: {...}". */
static void checks_of(const char *table, const char *sql, struct lines *out)
{
	const char *p = sql, *end = sql + strlen(sql);
	struct tok t;

	for (p = next_tok(p, end, &t); t.k != TK_END; p = next_tok(p, end, &t)) {
		const char *body;
		int depth = 1;
		char norm[1024];

		if (!(t.k == TK_WORD && tok_is(&t, "check")))
			continue;
		p = next_tok(p, end, &t);
		if (!tok_is(&t, "("))
			continue;
		body = p;
		while (depth > 0 && t.k != TK_END) {
			p = next_tok(p, end, &t);
			depth += tok_is(&t, "(") ? 1 : tok_is(&t, ")") ? -1 : 0;
		}
		expr_norm(body, t.s, norm, sizeof norm);
		lines_add(out, "check %s: %s", table, norm);
	}
}

/* ---- types ------------------------------------------------------------- */

/* The class of a declared SQLite type or a PostgreSQL type name. */
static const char *type_class(const char *decl)
{
	static const struct {
		const char *part, *cls;
	} map[] = {
		{ "bool", "bool" }, { "int", "int" },	   { "char", "text" }, { "text", "text" },
		{ "clob", "text" }, { "floa", "real" },	   { "real", "real" }, { "doub", "real" },
		{ "bytea", "blob" }, { "blob", "blob" }, { "numeric", "numeric" },
		{ "decimal", "numeric" },
	};
	char low[64];
	size_t i;

	for (i = 0; decl && decl[i] && i < sizeof low - 1; i++)
		low[i] = (char)tolower((unsigned char)decl[i]);
	low[i] = '\0';
	if (!low[0])
		return "blob"; /* SQLite: no type is blob affinity */
	for (i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strstr(low, map[i].part))
			return map[i].cls;
	return "numeric";
}

/* ---- one fact per row --------------------------------------------------- */

typedef void emit_fn(const struct db_res *r, int row, struct lines *out);

static const char *txt(const struct db_res *r, int row, int col)
{
	const char *s = db_res_text(r, row, col);

	return s ? s : "";
}

static void emit_table(const struct db_res *r, int i, struct lines *out)
{
	lines_add(out, "table %s", txt(r, i, 0));
}

/* table, column, type, notnull 0/1, default or NULL */
static void emit_column(const struct db_res *r, int i, struct lines *out)
{
	char d[512] = "";

	if (!db_res_isnull(r, i, 4)) {
		char norm[480];

		default_norm(txt(r, i, 4), norm, sizeof norm);
		snprintf(d, sizeof d, " default=%s", norm);
	}
	lines_add(out, "column %s.%s %s%s%s", txt(r, i, 0), txt(r, i, 1), type_class(txt(r, i, 2)),
		  db_res_int(r, i, 3) ? " notnull" : "", d);
}

/* table, columns, auto 0/1 */
static void emit_pk(const struct db_res *r, int i, struct lines *out)
{
	lines_add(out, "pk %s(%s)%s", txt(r, i, 0), txt(r, i, 1), db_res_int(r, i, 2) ? " auto" : "");
}

/* table, columns */
static void emit_unique(const struct db_res *r, int i, struct lines *out)
{
	lines_add(out, "unique %s(%s)", txt(r, i, 0), txt(r, i, 1));
}

/* table, columns, parent, parent columns, on delete, on update */
static void emit_fk(const struct db_res *r, int i, struct lines *out)
{
	lines_add(out, "fk %s(%s) -> %s(%s) on delete %s on update %s", txt(r, i, 0), txt(r, i, 1),
		  txt(r, i, 2), txt(r, i, 3), txt(r, i, 4), txt(r, i, 5));
}

/* name, table, unique 0/1, columns, predicate or NULL */
static void emit_index(const struct db_res *r, int i, struct lines *out)
{
	char where[1100] = "";

	if (!db_res_isnull(r, i, 4)) {
		const char *p = txt(r, i, 4);
		char norm[1024];

		expr_norm(p, p + strlen(p), norm, sizeof norm);
		snprintf(where, sizeof where, " where %s", norm);
	}
	lines_add(out, "index %s on %s(%s)%s%s", txt(r, i, 0), txt(r, i, 1), txt(r, i, 3),
		  db_res_int(r, i, 2) ? " unique" : "", where);
}

/* table, SQL text holding CHECK clauses */
static void emit_checks(const struct db_res *r, int i, struct lines *out)
{
	checks_of(txt(r, i, 0), txt(r, i, 1), out);
}

/* table, timing, event, update columns or NULL, orientation */
static void emit_trigger_pg(const struct db_res *r, int i, struct lines *out)
{
	const char *of = txt(r, i, 3);

	lines_add(out, "trigger %s %s %s%s%s %s", txt(r, i, 0), txt(r, i, 1), txt(r, i, 2),
		  *of ? " of " : "", of, txt(r, i, 4));
}

/* SQLite keeps a trigger as its text: CREATE TRIGGER name [BEFORE|AFTER|INSTEAD
 * OF] event [OF col, ...] ON table ... (table, sql) */
static void emit_trigger_sqlite(const struct db_res *r, int i, struct lines *out)
{
	const char *sql = txt(r, i, 1), *p = sql, *end = sql + strlen(sql);
	char timing[16] = "before", event[16] = "", of[512] = "";
	struct lines cols = { 0 };
	struct tok t;

	do /* to the word after TRIGGER [IF NOT EXISTS] name */
		p = next_tok(p, end, &t);
	while (t.k != TK_END && !tok_is(&t, "trigger"));
	do
		p = next_tok(p, end, &t);
	while (tok_is(&t, "if") || tok_is(&t, "not") || tok_is(&t, "exists"));
	p = next_tok(p, end, &t);
	if (tok_is(&t, "before") || tok_is(&t, "after") || tok_is(&t, "instead")) {
		snprintf(timing, sizeof timing, "%s", tok_is(&t, "instead") ? "instead of" : "");
		if (!timing[0])
			tok_text(&t, timing, sizeof timing);
		p = next_tok(p, end, &t);
		if (tok_is(&t, "of"))
			p = next_tok(p, end, &t);
	}
	tok_text(&t, event, sizeof event);
	for (p = next_tok(p, end, &t); t.k != TK_END && !tok_is(&t, "on"); p = next_tok(p, end, &t)) {
		char w[128];

		tok_text(&t, w, sizeof w);
		if (t.k == TK_WORD && !tok_is(&t, "of"))
			lines_add(&cols, "%s", w);
	}
	lines_sort(&cols);
	for (size_t k = 0; k < cols.n; k++) {
		cat(of, sizeof of, k ? "," : " of ");
		cat(of, sizeof of, cols.v[k]);
	}
	lines_free(&cols);
	lines_add(out, "trigger %s %s %s%s row", txt(r, i, 0), timing, event, of);
}

/* ---- the catalogue queries ---------------------------------------------- */

/* SQLite: the tables of the schema (m is sqlite_master) */
#define SQ_TABLES "m.type = 'table' AND substr(m.name, 1, 7) <> 'sqlite_'"
/* SQLite: 1 when the key of m is one INTEGER column, a rowid alias */
#define SQ_ROWID_KEY                                                                        \
	"(SELECT count(*) = 1 AND upper(max(type)) = 'INTEGER' FROM pragma_table_info(m.name)" \
	" WHERE pk > 0)"
/* SQLite: the columns of index IDX in key order */
#define SQ_INDEX_COLS(idx) \
	"(SELECT group_concat(name, ',') FROM (SELECT name FROM pragma_index_info(" idx ") ORDER BY seqno))"

/* PostgreSQL: relation c is in the schema being compared */
#define PG_REL " JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()"
/* PostgreSQL: the names of the columns numbered ARR of relation REL, in order */
#define PG_COLS(arr, rel)                                                                    \
	"(SELECT string_agg(a.attname, ',' ORDER BY x.o) FROM unnest(" arr ") WITH ORDINALITY" \
	" x(n, o) JOIN pg_attribute a ON a.attrelid = " rel " AND a.attnum = x.n)"
/* PostgreSQL: a column the database fills (a is pg_attribute, d pg_attrdef) */
#define PG_AUTO "(a.attidentity <> '' OR pg_get_expr(d.adbin, d.adrelid) LIKE 'nextval(%')"
#define PG_ATTRDEF " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
#define PG_ACTION(x)                                                                     \
	"CASE " x " WHEN 'a' THEN 'no action' WHEN 'r' THEN 'restrict' WHEN 'c' THEN 'cascade'" \
	" WHEN 'n' THEN 'set null' WHEN 'd' THEN 'set default' END"
#define PG_CONSTRAINT " FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid" PG_REL

static const struct fact {
	const char *sql_sqlite, *sql_pg;
	emit_fn *emit_sqlite, *emit_pg;
} FACTS[] = {
	{ "SELECT m.name FROM sqlite_master m WHERE " SQ_TABLES,
	  "SELECT c.relname FROM pg_class c" PG_REL " WHERE c.relkind IN ('r', 'p')",
	  emit_table, emit_table },
	{ "SELECT m.name, p.name, p.type, CASE WHEN p.\"notnull\" OR (p.pk > 0 AND " SQ_ROWID_KEY ")"
	  " THEN 1 ELSE 0 END, p.dflt_value FROM sqlite_master m, pragma_table_info(m.name) p"
	  " WHERE " SQ_TABLES,
	  "SELECT c.relname, a.attname, t.typname, CASE WHEN a.attnotnull THEN 1 ELSE 0 END,"
	  " CASE WHEN " PG_AUTO " THEN NULL ELSE pg_get_expr(d.adbin, d.adrelid) END"
	  " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid" PG_REL
	  " JOIN pg_type t ON t.oid = a.atttypid" PG_ATTRDEF
	  " WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped",
	  emit_column, emit_column },
	{ "SELECT m.name, (SELECT group_concat(name, ',') FROM (SELECT name FROM"
	  " pragma_table_info(m.name) WHERE pk > 0 ORDER BY pk)), " SQ_ROWID_KEY
	  " FROM sqlite_master m WHERE " SQ_TABLES
	  " AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) WHERE pk > 0)",
	  "SELECT c.relname, " PG_COLS("k.conkey", "k.conrelid") ", CASE WHEN cardinality(k.conkey) = 1"
	  " AND EXISTS (SELECT 1 FROM pg_attribute a" PG_ATTRDEF " WHERE a.attrelid = k.conrelid"
	  " AND a.attnum = k.conkey[1] AND " PG_AUTO ") THEN 1 ELSE 0 END" PG_CONSTRAINT
	  " WHERE k.contype = 'p'",
	  emit_pk, emit_pk },
	{ "SELECT m.name, " SQ_INDEX_COLS("l.name") " FROM sqlite_master m,"
	  " pragma_index_list(m.name) l WHERE " SQ_TABLES " AND l.origin = 'u'",
	  "SELECT c.relname, " PG_COLS("k.conkey", "k.conrelid") PG_CONSTRAINT " WHERE k.contype = 'u'",
	  emit_unique, emit_unique },
	{ "SELECT t, group_concat(f, ','), max(r), group_concat(c, ','), lower(max(d)), lower(max(u))"
	  " FROM (SELECT m.name AS t, k.id AS id, k.\"from\" AS f, k.\"table\" AS r, k.\"to\" AS c,"
	  " k.on_delete AS d, k.on_update AS u FROM sqlite_master m, pragma_foreign_key_list(m.name) k"
	  " WHERE " SQ_TABLES " ORDER BY m.name, k.id, k.seq) GROUP BY t, id",
	  "SELECT c.relname, " PG_COLS("k.conkey", "k.conrelid") ", f.relname, "
	  PG_COLS("k.confkey", "k.confrelid") ", " PG_ACTION("k.confdeltype") ", "
	  PG_ACTION("k.confupdtype") PG_CONSTRAINT
	  " JOIN pg_class f ON f.oid = k.confrelid WHERE k.contype = 'f'",
	  emit_fk, emit_fk },
	{ "SELECT m.name, m.tbl_name, l.\"unique\", " SQ_INDEX_COLS("m.name") ","
	  " CASE WHEN instr(upper(m.sql), ' WHERE ') > 0"
	  " THEN substr(m.sql, instr(upper(m.sql), ' WHERE ') + 7) END"
	  " FROM sqlite_master m, pragma_index_list(m.tbl_name) l"
	  " WHERE m.type = 'index' AND m.sql IS NOT NULL AND l.name = m.name",
	  "SELECT i.relname, c.relname, CASE WHEN ix.indisunique THEN 1 ELSE 0 END, "
	  PG_COLS("ix.indkey::int2[]", "ix.indrelid") ", pg_get_expr(ix.indpred, ix.indrelid)"
	  " FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid"
	  " JOIN pg_class c ON c.oid = ix.indrelid" PG_REL
	  " WHERE NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = ix.indexrelid"
	  " AND k.conrelid = ix.indrelid)",
	  emit_index, emit_index },
	{ "SELECT m.name, m.sql FROM sqlite_master m WHERE " SQ_TABLES,
	  "SELECT c.relname, pg_get_constraintdef(k.oid)" PG_CONSTRAINT " WHERE k.contype = 'c'",
	  emit_checks, emit_checks },
	{ "SELECT m.tbl_name, m.sql FROM sqlite_master m WHERE m.type = 'trigger'",
	  "SELECT t.event_object_table, lower(t.action_timing), lower(t.event_manipulation),"
	  " CASE WHEN t.event_manipulation = 'UPDATE' THEN (SELECT string_agg(u.event_object_column,"
	  " ',' ORDER BY u.event_object_column) FROM information_schema.triggered_update_columns u"
	  " WHERE u.trigger_schema = t.trigger_schema AND u.trigger_name = t.trigger_name"
	  " AND u.event_object_table = t.event_object_table) END, lower(t.action_orientation)"
	  " FROM information_schema.triggers t WHERE t.trigger_schema = current_schema()",
	  emit_trigger_sqlite, emit_trigger_pg },
};

static struct db_res *query(struct db *db, const char *sql)
{
	struct db_err e = { 0 };
	struct db_res *r = NULL;

	if (db_exec(db, sql, NULL, 0, &r, &e) != 0)
		fail_msg("%s: %s", sql, e.msg);
	return r;
}

static void exec_ok(struct db *db, const char *sql)
{
	db_res_free(query(db, sql));
}

/* The catalogue of db as sorted lines. */
static void catalogue(struct db *db, struct lines *out)
{
	int lite = db_kind(db) == DB_SQLITE;

	for (size_t f = 0; f < sizeof FACTS / sizeof FACTS[0]; f++) {
		struct db_res *r = query(db, lite ? FACTS[f].sql_sqlite : FACTS[f].sql_pg);
		emit_fn *emit = lite ? FACTS[f].emit_sqlite : FACTS[f].emit_pg;

		for (int i = 0; i < db_res_rows(r); i++)
			emit(r, i, out);
		db_res_free(r);
	}
	lines_sort(out);
}

/* ---- comparing ---------------------------------------------------------- */

/* Differences accepted on purpose, each with its reason. Keep it short: fix a
 * drift with a migration pair, list it here only when the fix costs more
 * than the difference. An entry that no longer matches fails the test. */
static const struct allowed {
	const char *sqlite, *pg, *why;
} ALLOWED[] = {
	/* An INTEGER PRIMARY KEY is always a rowid alias in SQLite, so SQLite would
	 * number a NULL key itself; these keys are never left to the database
	 * (a version, a district, a school, a homework item the row belongs to),
	 * and a non-alias key in SQLite costs a second b-tree per table. */
	{ "pk audit_head(district_id) auto", "pk audit_head(district_id)", "rowid alias" },
	{ "pk hw_grading(homework_id) auto", "pk hw_grading(homework_id)", "rowid alias" },
	{ "pk hw_difficulty_review(homework_id) auto", "pk hw_difficulty_review(homework_id)",
	  "rowid alias" },
	{ "pk hw_school(school_id) auto", "pk hw_school(school_id)", "rowid alias" },
	{ "pk schema_migrations(version) auto", "pk schema_migrations(version)", "rowid alias" },
};

struct drift {
	struct lines lite, pg; /* lines only on that side */
	unsigned allowed_used; /* bit i: ALLOWED[i] matched */
};

static void drift_free(struct drift *d)
{
	lines_free(&d->lite);
	lines_free(&d->pg);
}

/* Both lists sorted: what is only in one of them, less the allowed pairs. */
static void drift_compute(const struct lines *lite, const struct lines *pg, struct drift *d)
{
	size_t i = 0, j = 0;

	while (i < lite->n || j < pg->n) {
		int c = i == lite->n ? 1 : j == pg->n ? -1 : strcmp(lite->v[i], pg->v[j]);

		if (c == 0) {
			i++;
			j++;
		} else if (c < 0) {
			lines_add(&d->lite, "%s", lite->v[i++]);
		} else {
			lines_add(&d->pg, "%s", pg->v[j++]);
		}
	}
	for (size_t k = 0; k < sizeof ALLOWED / sizeof ALLOWED[0]; k++) {
		if (lines_take(&d->lite, ALLOWED[k].sqlite) + lines_take(&d->pg, ALLOWED[k].pg) == 2)
			d->allowed_used |= 1u << k;
	}
}

static void drift_print(const struct drift *d)
{
	if (!d->lite.n && !d->pg.n)
		return;
	printf("# schema drift (- only in SQLite, + only in PostgreSQL):\n");
	for (size_t i = 0; i < d->lite.n; i++)
		printf("# -%s\n", d->lite.v[i]);
	for (size_t i = 0; i < d->pg.n; i++)
		printf("# +%s\n", d->pg.v[i]);
	fflush(stdout); /* before cmocka's own lines on stderr */
}

/* ---- the databases ------------------------------------------------------ */

struct side {
	char target[1400]; /* SQLite path or PG conninfo */
	char schema[64];   /* PG: the schema made for it */
	struct db *db;
	struct lines cat;
};

static struct side g_lite, g_pg; /* migrated once, for the whole group */

static void migrate(struct side *s, enum db_kind kind)
{
	struct db_err e = { 0 };

	s->db = db_open(kind, s->target, 5000, 0, &e);
	if (!s->db)
		fail_msg("db_open(%s): %s", s->target, e.msg);
	if (store_migrate(s->db, NULL, &e) != 0)
		fail_msg("migrate %s: %s", s->target, e.msg);
}

static void side_sqlite(struct side *s)
{
	int fd;

	snprintf(s->target, sizeof s->target, "/tmp/sj_test_schema_XXXXXX");
	fd = mkstemp(s->target);
	assert_true(fd >= 0);
	close(fd);
	migrate(s, DB_SQLITE);
}

static void side_pg(struct side *s)
{
	pg_schema_new("sjschema", s->schema, s->target, sizeof s->target);
	migrate(s, DB_PG);
}

static void side_free(struct side *s)
{
	db_close(s->db);
	if (s->schema[0]) {
		pg_schema_drop(s->schema);
	} else if (s->target[0]) {
		static const char *const ext[] = { "", "-wal", "-shm" };

		for (size_t i = 0; i < 3; i++) {
			char p[1500];

			snprintf(p, sizeof p, "%s%s", s->target, ext[i]);
			unlink(p);
		}
	}
	lines_free(&s->cat);
	*s = (struct side){ 0 };
}

static int group_setup(void **state)
{
	side_sqlite(&g_lite);
	side_pg(&g_pg);
	catalogue(g_lite.db, &g_lite.cat);
	catalogue(g_pg.db, &g_pg.cat);
	return 0;
}

static int group_teardown(void **state)
{
	side_free(&g_lite);
	side_free(&g_pg);
	return 0;
}

/* ---- the tests ---------------------------------------------------------- */

/* The migrated schemas are the same, fact for fact. */
static void test_catalogues_match(void **state)
{
	struct drift d = { 0 };

	printf("# %zu facts in SQLite, %zu in PostgreSQL\n", g_lite.cat.n, g_pg.cat.n);
	if (getenv("SJ_SCHEMA_DUMP")) /* the facts, to read or to diff by hand */
		for (size_t i = 0; i < g_pg.cat.n; i++)
			printf("# pg %s\n", g_pg.cat.v[i]);
	assert_true(g_lite.cat.n > 100);
	drift_compute(&g_lite.cat, &g_pg.cat, &d);
	for (size_t k = 0; k < sizeof ALLOWED / sizeof ALLOWED[0]; k++)
		printf("# allowed: %s / %s (%s)\n", ALLOWED[k].sqlite, ALLOWED[k].pg, ALLOWED[k].why);
	drift_print(&d);
	for (size_t k = 0; k < sizeof ALLOWED / sizeof ALLOWED[0]; k++)
		if (!(d.allowed_used & (1u << k)))
			fail_msg("allowed difference no longer seen, remove it: %s", ALLOWED[k].sqlite);
	if (d.lite.n + d.pg.n)
		fail_msg("schema drift: %zu line(s) only in SQLite, %zu only in PostgreSQL (above)",
			 d.lite.n, d.pg.n);
	drift_free(&d);
}

/* A self-test: one backend's migrated database, changed by sql in a
 * transaction that is rolled back after its catalogue is read, compared with
 * the other backend must give exactly these lines only in SQLite and only in
 * PostgreSQL. (DDL is transactional on both backends.) */
struct drift_case {
	enum db_kind kind;
	const char *sql[3];
	const char *lite[3], *pg[3];
};

static void expect_lines(const struct lines *got, const char *const *want)
{
	size_t i;

	for (i = 0; want[i]; i++)
		if (i >= got->n || strcmp(got->v[i], want[i]) != 0)
			fail_msg("drift line %zu: want \"%s\", got \"%s\"", i, want[i],
				 i < got->n ? got->v[i] : "(none)");
	assert_int_equal(got->n, i);
}

static void drift_case(const struct drift_case *c)
{
	int lite = c->kind == DB_SQLITE;
	struct db *db = lite ? g_lite.db : g_pg.db;
	struct lines cat = { 0 };
	struct drift d = { 0 };
	struct db_err e = { 0 };

	assert_int_equal(db_begin_write(db, &e), 0);
	for (size_t i = 0; c->sql[i]; i++)
		exec_ok(db, c->sql[i]);
	catalogue(db, &cat);
	db_rollback(db);
	drift_compute(lite ? &cat : &g_lite.cat, lite ? &g_pg.cat : &cat, &d);
	drift_print(&d);
	expect_lines(&d.lite, c->lite);
	expect_lines(&d.pg, c->pg);
	drift_free(&d);
	lines_free(&cat);
}

/* The self-tests: a column added on SQLite only is reported, by name; an
 * index and a changed default on PostgreSQL only; a CHECK that differs in one
 * literal. */
static const struct drift_case DRIFT_SQLITE_COLUMN = {
	DB_SQLITE,
	{ "ALTER TABLE student ADD COLUMN nickname TEXT" },
	{ "column student.nickname text" },
	{ NULL },
};
static const struct drift_case DRIFT_PG_INDEX_DEFAULT = {
	DB_PG,
	{ "CREATE INDEX student_name ON student(name)",
	  "ALTER TABLE school ALTER COLUMN alliance SET DEFAULT 'none'" },
	{ "column school.alliance text notnull default=''" },
	{ "column school.alliance text notnull default='none'", "index student_name on student(name)" },
};
static const struct drift_case DRIFT_PG_CHECK = {
	DB_PG,
	{ "ALTER TABLE student DROP CONSTRAINT student_gender_check",
	  "ALTER TABLE student ADD CHECK (gender IN ('M', 'F', 'X'))" },
	{ "check student: {'F', 'M', gender | =}" },
	{ "check student: {'F', 'M', 'X', gender | =}" },
};

static void test_drift(void **state)
{
	drift_case(*state);
}

/* A failed self-test leaves its transaction open: close it for the next test. */
static int drift_teardown(void **state)
{
	db_rollback(g_lite.db);
	db_rollback(g_pg.db);
	return 0;
}

/* What the normalization makes equal, and what it keeps apart. */
static void test_expr_norm(void **state)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
		{ "kind IN ('primary','junior')", "{'junior', 'primary', kind | =}" },
		{ "(kind = ANY (ARRAY['primary'::text, 'junior'::text]))", "{'junior', 'primary', kind | =}" },
		{ "grade BETWEEN 1 AND 9", "{1, 9, grade | <=, >=}" },
		{ "((grade >= 1) AND (grade <= 9))", "{1, 9, grade | <=, >=}" },
		{ "x != 'a'", "{'a', x | <>}" },
		{ "(x <> 'a'::text)", "{'a', x | <>}" },
		{ "\"x\" > 0 -- ')' in a comment", "{0, x | >}" },
		{ "s IN ('(', 'it''s')", "{'(', 'it''s', s | =}" },
	};
	char out[256];

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		expr_norm(cases[i].in, cases[i].in + strlen(cases[i].in), out, sizeof out);
		assert_string_equal(out, cases[i].want);
	}
}

/* CHECK clauses are found in CREATE TABLE text past strings and comments. */
static void test_checks_of(void **state)
{
	static const char sql[] = "CREATE TABLE t (a TEXT DEFAULT 'check (x)' CHECK (a IN ('(', ')')),\n"
				  "  b INTEGER, -- the guardian's check (b)\n"
				  "  CHECK ((a = 'x') = (b IS NOT NULL)))";
	struct lines l = { 0 };

	checks_of("t", sql, &l);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.v[0], "check t: {'(', ')', a | =}");
	assert_string_equal(l.v[1], "check t: {'x', a, b | =, is, not, null}");
	lines_free(&l);
}

static void test_defaults(void **state)
{
	char out[64];

	default_norm("''::text", out, sizeof out);
	assert_string_equal(out, "''");
	default_norm("'{}'::text", out, sizeof out);
	assert_string_equal(out, "'{}'");
	default_norm("(0)", out, sizeof out);
	assert_string_equal(out, "0");
}

/* ---- triggers at work --------------------------------------------------- */

/* The same rows into both databases: the minimum parents, students that come,
 * leave, come back, move school and go (student_count_* keep school.students),
 * and an audit row (append-only). */
static const char *const TRIGGER_ROWS[] = {
	"INSERT INTO district (id, code, name, created_at) VALUES (1, 'd1', 'D', 0)",
	"INSERT INTO school (id, district_id, code, name, kind, created_at) VALUES"
	" (1, 1, 's1', 'S1', 'primary', 0), (2, 1, 's2', 'S2', 'junior', 0)",
	"INSERT INTO class (id, district_id, school_id, code, grade, name, public_code) VALUES"
	" (1, 1, 1, 'c1', 3, 'C1', 'p1'), (2, 1, 2, 'c2', 7, 'C2', 'p2')",
	"INSERT INTO student (id, district_id, school_id, class_id, registry_no, name, gender,"
	" withdrawn) VALUES (1, 1, 1, 1, 'r1', 'a', 'M', 0), (2, 1, 1, 1, 'r2', 'b', 'F', 0),"
	" (3, 1, 1, 1, 'r3', 'c', 'M', 1), (4, 1, 2, 2, 'r4', 'd', 'F', 0),"
	" (5, 1, 2, 2, 'r5', 'e', 'M', 0), (6, 1, 1, 1, 'r6', 'f', 'F', 0)",
	"UPDATE student SET withdrawn = 1 WHERE id = 2",
	"UPDATE student SET withdrawn = 0 WHERE id = 3",
	"UPDATE student SET school_id = 2, class_id = 2 WHERE id = 1",
	"UPDATE student SET school_id = 1, class_id = 1, withdrawn = 1 WHERE id = 4",
	"UPDATE student SET name = 'renamed' WHERE id = 5",
	"UPDATE student SET withdrawn = withdrawn",
	"DELETE FROM student WHERE id IN (4, 6)",
	"INSERT INTO audit (id, district_id, chain_seq, at, actor, role, action, object, result,"
	" request_id, ip, details, prev_hash, hash) VALUES"
	" (1, 1, 1, 0, 'x', 'x', 'x', 'x', 'x', 'x', 'x', '{}', '', 'h')",
};

/* What the triggers left: each school's counter beside the true count, and
 * whether each change to audit was refused as a constraint. */
static void trigger_effects(struct db *db, struct lines *out)
{
	static const char *const refused[] = { "UPDATE audit SET actor = 'y'", "DELETE FROM audit" };
	struct db_res *r;

	for (size_t i = 0; i < sizeof TRIGGER_ROWS / sizeof TRIGGER_ROWS[0]; i++)
		exec_ok(db, TRIGGER_ROWS[i]);
	r = query(db, "SELECT s.id, s.students, (SELECT COUNT(*) FROM student st WHERE"
		      " st.school_id = s.id AND st.withdrawn = 0) FROM school s ORDER BY s.id");
	for (int i = 0; i < db_res_rows(r); i++) {
		lines_add(out, "school %s students %s", txt(r, i, 0), txt(r, i, 1));
		assert_string_equal(txt(r, i, 1), txt(r, i, 2));
	}
	db_res_free(r);
	for (size_t i = 0; i < 2; i++) {
		struct db_err e = { 0 };
		int rc = db_exec(db, refused[i], NULL, 0, NULL, &e);

		lines_add(out, "%s: rc %d kind %d", refused[i], rc, (int)e.kind);
		assert_int_equal(e.kind, DB_ERR_CONSTRAINT);
	}
	r = query(db, "SELECT COUNT(*) FROM audit");
	lines_add(out, "audit rows %s", txt(r, 0, 0));
	db_res_free(r);
}

/* Same rows in, same counters out. */
static void test_triggers_behave(void **state)
{
	struct lines lite = { 0 }, pg = { 0 };

	trigger_effects(g_lite.db, &lite);
	trigger_effects(g_pg.db, &pg);
	assert_int_equal(lite.n, pg.n);
	for (size_t i = 0; i < lite.n; i++) {
		printf("# %s | %s\n", lite.v[i], pg.v[i]);
		assert_string_equal(lite.v[i], pg.v[i]);
	}
	assert_string_equal(lite.v[0], "school 1 students 1");
	assert_string_equal(lite.v[1], "school 2 students 2");
	lines_free(&lite);
	lines_free(&pg);
}

int main(void)
{
	const struct CMUnitTest pure[] = {
		cmocka_unit_test(test_expr_norm),
		cmocka_unit_test(test_checks_of),
		cmocka_unit_test(test_defaults),
	};
	const struct CMUnitTest both[] = {
		cmocka_unit_test(test_catalogues_match),
		{ "test_drift_sqlite_column", test_drift, NULL, drift_teardown, (void *)&DRIFT_SQLITE_COLUMN },
		{ "test_drift_pg_index_default", test_drift, NULL, drift_teardown, (void *)&DRIFT_PG_INDEX_DEFAULT },
		{ "test_drift_pg_check", test_drift, NULL, drift_teardown, (void *)&DRIFT_PG_CHECK },
		cmocka_unit_test(test_triggers_behave),
	};
	const char *pg = getenv("SJ_TEST_PG");
	const char *skip = getenv("SJ_TEST_PG_SKIP");
	int failed = cmocka_run_group_tests_name("schema_norm", pure, NULL, NULL);

	if (pg && *pg) {
		snprintf(pg_base, sizeof pg_base, "%s", pg);
		failed += cmocka_run_group_tests_name("schema_parity", both, group_setup, group_teardown);
	} else if (skip && strcmp(skip, "1") == 0) {
		printf("# schema_parity: SKIPPED (SJ_TEST_PG_SKIP=1)\n");
	} else {
		printf("not ok - schema_parity needs SJ_TEST_PG (a libpq conninfo);"
		       " set SJ_TEST_PG_SKIP=1 to skip it on purpose\n");
		printf("schema_parity: 0 passed, 1 failed\n");
		failed++;
	}
	return failed ? 1 : 0;
}
