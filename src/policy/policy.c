/* policy.c - parse and validate a policy pack (format: policy/README.md).
 *
 * Every field is checked; a bad pack is refused with
 * "<name>: <field path>: <中文原因>". Nothing here is global; the only
 * allocation that outlives policy_parse() is p->raw.
 */
#include "policy/policy.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PACK_FORMAT "shuangjian-policy/1"
#define MAX_FILE_BYTES ((size_t)4 << 20)
#define PATH_LEN 256
#define MAX_MINUTES 600
#define MAX_HOURS 24
#define MAX_COUNT 100
#define MAX_CLAUSE_BYTES 256
#define MAX_TITLE_BYTES 511
#define MAX_META_BYTES 255
#define MAX_TEXT_BYTES 4096
#define MAX_LIST_ITEMS 16
#define MAX_LIST_ITEM_BYTES 63

struct ctx {
	const char *name;
	char *err;
	size_t errlen;
	struct policy *p;
	json_t *rules;  /* the pack's "rules" object */
	json_t *errata; /* the pack's "errata" array */
};

/* Cut a string that snprintf truncated inside a multi-byte UTF-8 sequence. */
static void trim_utf8(char *s)
{
	size_t len = strlen(s), i = len, need;
	unsigned char lead;

	while (i > 0 && len - i < 4 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
		i--;
	if (i == 0)
		return;
	lead = (unsigned char)s[i - 1];
	if (lead < 0x80)
		return;
	if ((lead & 0xE0) == 0xC0)
		need = 2;
	else if ((lead & 0xF0) == 0xE0)
		need = 3;
	else if ((lead & 0xF8) == 0xF0)
		need = 4;
	else
		need = 1;
	if (i - 1 + need > len)
		s[i - 1] = '\0';
}

__attribute__((format(printf, 3, 4)))
static int fail(struct ctx *c, const char *path, const char *fmt, ...)
{
	char reason[384];
	va_list ap;
	char *q;

	if (!c->err || c->errlen == 0)
		return -1;
	va_start(ap, fmt);
	vsnprintf(reason, sizeof reason, fmt, ap);
	va_end(ap);
	trim_utf8(reason);
	if (path)
		snprintf(c->err, c->errlen, "%s: %s: %s", c->name, path, reason);
	else
		snprintf(c->err, c->errlen, "%s: %s", c->name, reason);
	trim_utf8(c->err);
	for (q = c->err; *q; q++) /* keys come from the pack: no control bytes */
		if ((unsigned char)*q < 0x20 || *q == 0x7f)
			*q = '?';
	return -1;
}

static void join(char *dst, const char *base, const char *key)
{
	int n;

	if (base[0])
		n = snprintf(dst, PATH_LEN, "%s.%s", base, key);
	else
		n = snprintf(dst, PATH_LEN, "%s", key);
	if (n < 0)
		dst[0] = '\0';
	else
		trim_utf8(dst);
}

static void join_idx(char *dst, const char *base, size_t i)
{
	if (snprintf(dst, PATH_LEN, "%s[%zu]", base, i) < 0)
		dst[0] = '\0';
	else
		trim_utf8(dst);
}

static void copy_str(char *dst, size_t dstsz, const char *src)
{
	size_t n = strlen(src);

	if (n >= dstsz)
		n = dstsz - 1; /* callers checked the length already */
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* ---- typed checks on one value ---- */

static int want_obj(struct ctx *c, json_t *v, const char *path)
{
	if (!json_is_object(v))
		return fail(c, path, "应为 JSON 对象");
	return 0;
}

static int want_arr(struct ctx *c, json_t *v, const char *path, size_t lo, size_t hi)
{
	size_t n;

	if (!json_is_array(v))
		return fail(c, path, "应为数组");
	n = json_array_size(v);
	if (n < lo || n > hi)
		return fail(c, path, "应有 %zu 到 %zu 项,实际 %zu 项", lo, hi, n);
	return 0;
}

static int want_str(struct ctx *c, json_t *v, const char *path, size_t maxbytes,
		    const char **out)
{
	size_t n;

	*out = NULL;
	if (!json_is_string(v) || json_string_length(v) == 0)
		return fail(c, path, "应为非空字符串");
	n = json_string_length(v);
	if (n > maxbytes)
		return fail(c, path, "过长(最多 %zu 字节,实际 %zu 字节)", maxbytes, n);
	*out = json_string_value(v);
	return 0;
}

static int want_int(struct ctx *c, json_t *v, const char *path, int lo, int hi, int *out)
{
	json_int_t x;

	*out = 0;
	if (!json_is_integer(v))
		return fail(c, path, "应为 %d 到 %d 之间的整数", lo, hi);
	x = json_integer_value(v);
	if (x < lo || x > hi)
		return fail(c, path, "应为 %d 到 %d 之间的整数", lo, hi);
	*out = (int)x;
	return 0;
}

static int want_bool(struct ctx *c, json_t *v, const char *path, bool *out)
{
	if (!json_is_boolean(v))
		return fail(c, path, "应为布尔值 true 或 false");
	*out = json_is_true(v);
	return 0;
}

/* ---- members of an object ---- */

static int check_keys(struct ctx *c, json_t *obj, const char *path,
		      const char *const *allowed)
{
	const char *key;
	json_t *v;
	char kp[PATH_LEN];
	size_t i;
	bool ok;

	json_object_foreach(obj, key, v) {
		ok = false;
		for (i = 0; allowed[i]; i++)
			if (strcmp(key, allowed[i]) == 0)
				ok = true;
		if (!ok) {
			join(kp, path, key);
			return fail(c, kp, "未知字段");
		}
	}
	return 0;
}

static json_t *member(struct ctx *c, json_t *obj, const char *path, const char *key,
		      char *mp)
{
	json_t *v = json_object_get(obj, key);

	join(mp, path, key);
	if (!v)
		fail(c, mp, "缺少此字段");
	return v;
}

static int get_obj(struct ctx *c, json_t *obj, const char *path, const char *key,
		   json_t **out)
{
	char mp[PATH_LEN];
	json_t *v = member(c, obj, path, key, mp);

	if (!v || want_obj(c, v, mp))
		return -1;
	*out = v;
	return 0;
}

static int get_arr(struct ctx *c, json_t *obj, const char *path, const char *key,
		   size_t lo, size_t hi, json_t **out)
{
	char mp[PATH_LEN];
	json_t *v = member(c, obj, path, key, mp);

	if (!v || want_arr(c, v, mp, lo, hi))
		return -1;
	*out = v;
	return 0;
}

static int get_str(struct ctx *c, json_t *obj, const char *path, const char *key,
		   size_t maxbytes, const char **out)
{
	char mp[PATH_LEN];
	json_t *v = member(c, obj, path, key, mp);

	if (!v)
		return -1;
	return want_str(c, v, mp, maxbytes, out);
}

static int get_int(struct ctx *c, json_t *obj, const char *path, const char *key,
		   int lo, int hi, int *out)
{
	char mp[PATH_LEN];
	json_t *v = member(c, obj, path, key, mp);

	if (!v)
		return -1;
	return want_int(c, v, mp, lo, hi, out);
}

static int get_bool(struct ctx *c, json_t *obj, const char *path, const char *key,
		    bool *out)
{
	char mp[PATH_LEN];
	json_t *v = member(c, obj, path, key, mp);

	if (!v)
		return -1;
	return want_bool(c, v, mp, out);
}

/* A null or a non-empty string. */
static int get_opt_str(struct ctx *c, json_t *obj, const char *path, const char *key,
		       bool required, size_t maxbytes, const char **out)
{
	char mp[PATH_LEN];
	json_t *v;

	*out = NULL;
	if (!required && !json_object_get(obj, key))
		return 0;
	v = member(c, obj, path, key, mp);
	if (!v)
		return -1;
	if (json_is_null(v))
		return 0;
	if (!json_is_string(v))
		return fail(c, mp, "应为 null 或非空字符串");
	return want_str(c, v, mp, maxbytes, out);
}

/* ---- small parsers ---- */

static bool id_chars_ok(const char *s, bool lower_only)
{
	for (; *s; s++) {
		char ch = *s;

		if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_')
			continue;
		if (!lower_only && ((ch >= 'A' && ch <= 'Z') || ch == '-' || ch == '.'))
			continue;
		return false;
	}
	return true;
}

/* "HH:MM", two digits each, 00:00..23:59. */
static int parse_hhmm(const char *s, int *minutes)
{
	int h, m;

	if (strlen(s) != 5 || s[2] != ':')
		return -1;
	if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9' ||
	    s[3] < '0' || s[3] > '9' || s[4] < '0' || s[4] > '9')
		return -1;
	h = (s[0] - '0') * 10 + (s[1] - '0');
	m = (s[3] - '0') * 10 + (s[4] - '0');
	if (h > 23 || m > 59)
		return -1;
	*minutes = h * 60 + m;
	return 0;
}

/* Reads a positive decimal without leading zeros; advances *s. */
static bool read_num(const char **s, int *out)
{
	const char *q = *s;
	int v = 0, digits = 0;

	if (*q < '1' || *q > '9')
		return false;
	while (*q >= '0' && *q <= '9') {
		if (++digits > 4)
			return false;
		v = v * 10 + (*q - '0');
		q++;
	}
	*s = q;
	*out = v;
	return true;
}

/* Indicator ids: "A<n>" or "B<n>" (returns 1), "B<n>.<k>" (returns 2), else 0. */
static int parse_ind_id(const char *s, char letter, int *n, int *k)
{
	*n = *k = 0;
	if (*s != letter)
		return 0;
	s++;
	if (!read_num(&s, n))
		return 0;
	if (*s == '\0')
		return 1;
	if (letter != 'B' || *s != '.')
		return 0;
	s++;
	if (!read_num(&s, k) || *s != '\0')
		return 0;
	return 2;
}

static int band_index(const struct policy *p, const char *id)
{
	int i;

	for (i = 0; i < p->nbands; i++)
		if (strcmp(p->bands[i].id, id) == 0)
			return i;
	return -1;
}

/* ---- grade bands ---- */

static int parse_bands(struct ctx *c, json_t *root)
{
	static const char *const keys[] = {"id", "name", "grades", NULL};
	struct policy *p = c->p;
	json_t *arr, *b, *grades, *gv;
	char bp[PATH_LEN], gp[PATH_LEN], ep[PATH_LEN];
	const char *s = NULL;
	size_t i, j;
	int g, prev;

	for (g = 0; g <= POLICY_MAX_GRADE; g++)
		p->band_of_grade[g] = -1;
	if (get_arr(c, root, "", "grade_bands", 1, POLICY_MAX_BANDS, &arr))
		return -1;
	json_array_foreach(arr, i, b) {
		struct policy_band *band = &p->bands[i];

		join_idx(bp, "grade_bands", i);
		if (want_obj(c, b, bp) || check_keys(c, b, bp, keys))
			return -1;
		if (get_str(c, b, bp, "id", sizeof band->id - 1, &s))
			return -1;
		join(ep, bp, "id");
		if (!id_chars_ok(s, true))
			return fail(c, ep, "只能包含小写字母、数字和下划线");
		if (band_index(p, s) >= 0)
			return fail(c, ep, "年级段编号 %s 重复", s);
		copy_str(band->id, sizeof band->id, s);
		if (get_str(c, b, bp, "name", sizeof band->name - 1, &s))
			return -1;
		copy_str(band->name, sizeof band->name, s);
		if (get_arr(c, b, bp, "grades", 1, POLICY_MAX_GRADE, &grades))
			return -1;
		join(gp, bp, "grades");
		prev = 0;
		json_array_foreach(grades, j, gv) {
			join_idx(ep, gp, j);
			if (want_int(c, gv, ep, 1, POLICY_MAX_GRADE, &g))
				return -1;
			if (p->band_of_grade[g] >= 0)
				return fail(c, ep, "年级 %d 已属于年级段 %s", g,
					    p->band_of_grade[g] == (int)i ?
					    band->id : p->bands[p->band_of_grade[g]].id);
			if (j > 0 && g != prev + 1)
				return fail(c, ep, "年级应连续递增(上一项是 %d)", prev);
			p->band_of_grade[g] = (int)i;
			if (j == 0)
				band->grade_lo = g;
			band->grade_hi = g;
			prev = g;
		}
		p->nbands = (int)i + 1;
	}
	for (g = 1; g <= POLICY_MAX_GRADE; g++)
		if (p->band_of_grade[g] < 0)
			return fail(c, "grade_bands", "年级 %d 不属于任何年级段", g);
	return 0;
}

/* ---- rule parameters ---- */

/* params.<key>: a non-empty list of band ids; marks their grades in out. */
static int band_list(struct ctx *c, json_t *params, const char *path, const char *key,
		     bool out[POLICY_MAX_GRADE + 1])
{
	struct policy *p = c->p;
	json_t *arr, *v;
	char lp[PATH_LEN], ep[PATH_LEN];
	bool seen[POLICY_MAX_BANDS] = {false};
	const char *s = NULL;
	size_t i;
	int b, g;

	if (get_arr(c, params, path, key, 1, POLICY_MAX_BANDS, &arr))
		return -1;
	join(lp, path, key);
	json_array_foreach(arr, i, v) {
		join_idx(ep, lp, i);
		if (want_str(c, v, ep, 64, &s))
			return -1;
		b = band_index(p, s);
		if (b < 0)
			return fail(c, ep, "未知的年级段 %s(见 grade_bands)", s);
		if (seen[b])
			return fail(c, ep, "年级段 %s 重复", s);
		seen[b] = true;
		for (g = p->bands[b].grade_lo; g <= p->bands[b].grade_hi; g++)
			out[g] = true;
	}
	return 0;
}

/* A per-band minutes map; bands without written homework get 0. */
static int band_minutes(struct ctx *c, json_t *obj, const char *path,
			int row[POLICY_MAX_GRADE + 1])
{
	struct policy *p = c->p;
	const char *key;
	json_t *v;
	char ep[PATH_LEN];
	int i, g, val = 0;

	if (want_obj(c, obj, path))
		return -1;
	json_object_foreach(obj, key, v) {
		join(ep, path, key);
		if (band_index(p, key) < 0)
			return fail(c, ep, "未知的年级段(见 grade_bands)");
	}
	for (i = 0; i < p->nbands; i++) {
		bool forbidden = p->hw_written_forbidden[p->bands[i].grade_lo];

		v = json_object_get(obj, p->bands[i].id);
		join(ep, path, p->bands[i].id);
		if (!v) {
			if (forbidden)
				continue;
			return fail(c, path, "缺少年级段 %s", p->bands[i].id);
		}
		if (want_int(c, v, ep, 0, MAX_MINUTES, &val))
			return -1;
		if (forbidden && val != 0)
			return fail(c, ep, "该年级段不布置书面家庭作业(HW_WRITTEN_G12),只能为 0");
		for (g = p->bands[i].grade_lo; g <= p->bands[i].grade_hi; g++)
			row[g] = forbidden ? 0 : val;
	}
	return 0;
}

/* A list of 1..maxn distinct non-empty strings; copied when dst is given. */
static int string_list(struct ctx *c, json_t *params, const char *path, const char *key,
		       size_t maxn, size_t maxbytes, char (*dst)[64], int *n)
{
	json_t *arr, *v;
	char lp[PATH_LEN], ep[PATH_LEN];
	const char *s = NULL;
	size_t i, j;

	if (get_arr(c, params, path, key, 1, maxn, &arr))
		return -1;
	join(lp, path, key);
	json_array_foreach(arr, i, v) {
		join_idx(ep, lp, i);
		if (want_str(c, v, ep, maxbytes, &s))
			return -1;
		for (j = 0; j < i; j++)
			if (strcmp(json_string_value(json_array_get(arr, j)), s) == 0)
				return fail(c, ep, "与第 %zu 项重复", j + 1);
		if (dst)
			copy_str(dst[i], sizeof dst[i], s);
	}
	if (n)
		*n = (int)json_array_size(arr);
	return 0;
}

static int r_hw_written(struct ctx *c, json_t *pa, const char *path)
{
	return band_list(c, pa, path, "bands", c->p->hw_written_forbidden);
}

static int r_hw_daily(struct ctx *c, json_t *pa, const char *path)
{
	char mp[PATH_LEN];
	json_t *m = member(c, pa, path, "minutes", mp);

	if (!m)
		return -1;
	return band_minutes(c, m, mp, c->p->hw_limit[POLICY_DAY_SCHOOL]);
}

static int r_hw_offday(struct ctx *c, json_t *pa, const char *path)
{
	static const char *const kinds[] = {"weekend", "holiday", "vacation", NULL};
	static const int day[] = {POLICY_DAY_WEEKEND, POLICY_DAY_HOLIDAY, POLICY_DAY_VACATION};
	char mp[PATH_LEN], kp[PATH_LEN];
	json_t *m, *v;
	size_t i;

	if (get_obj(c, pa, path, "minutes", &m))
		return -1;
	join(mp, path, "minutes");
	if (check_keys(c, m, mp, kinds))
		return -1;
	for (i = 0; kinds[i]; i++) {
		v = member(c, m, mp, kinds[i], kp);
		if (!v || band_minutes(c, v, kp, c->p->hw_limit[day[i]]))
			return -1;
	}
	return 0;
}

static int r_hw_parent(struct ctx *c, json_t *pa, const char *path)
{
	return string_list(c, pa, path, "keywords", POLICY_MAX_KEYWORDS,
			   sizeof c->p->hw_parent_keywords[0] - 1,
			   c->p->hw_parent_keywords, &c->p->hw_parent_nkeywords);
}

static int r_none(struct ctx *c, json_t *pa, const char *path)
{
	(void)c;
	(void)pa;
	(void)path;
	return 0;
}

static int r_hw_noncompletion(struct ctx *c, json_t *pa, const char *path)
{
	struct policy *p = c->p;
	char mp[PATH_LEN];

	if (get_int(c, pa, path, "count", 1, MAX_COUNT, &p->hw_noncompletion_count) ||
	    get_int(c, pa, path, "window_school_days", 1, MAX_COUNT,
		    &p->hw_noncompletion_window_days))
		return -1;
	if (p->hw_noncompletion_count > p->hw_noncompletion_window_days) {
		join(mp, path, "count");
		return fail(c, mp, "不能大于 window_school_days(%d)",
			    p->hw_noncompletion_window_days);
	}
	return 0;
}

static int r_hw_reported(struct ctx *c, json_t *pa, const char *path)
{
	return get_int(c, pa, path, "min_families", 1, MAX_COUNT,
		       &c->p->hw_report_min_families);
}

static int r_as_five_days(struct ctx *c, json_t *pa, const char *path)
{
	return get_int(c, pa, path, "min_days_per_week", 0, 7, &c->p->as_min_days_per_week);
}

static int r_as_end_time(struct ctx *c, json_t *pa, const char *path)
{
	char mp[PATH_LEN];
	const char *s = NULL;

	if (get_str(c, pa, path, "not_before", 5, &s)) {
		if (json_is_string(json_object_get(pa, "not_before"))) {
			join(mp, path, "not_before");
			return fail(c, mp, "应为 HH:MM 格式的时间(00:00 到 23:59,两位数字)");
		}
		return -1;
	}
	if (parse_hhmm(s, &c->p->as_end_not_before_min)) {
		join(mp, path, "not_before");
		return fail(c, mp, "应为 HH:MM 格式的时间(00:00 到 23:59,两位数字)");
	}
	return 0;
}

static int r_as_evening(struct ctx *c, json_t *pa, const char *path)
{
	return band_list(c, pa, path, "bands", c->p->as_evening_allowed);
}

static int r_as_weekend(struct ctx *c, json_t *pa, const char *path)
{
	return get_int(c, pa, path, "max_days", 0, 2, &c->p->as_max_weekend_days);
}

static int r_as_new_lesson(struct ctx *c, json_t *pa, const char *path)
{
	return string_list(c, pa, path, "keywords", POLICY_MAX_KEYWORDS,
			   sizeof c->p->as_new_lesson_keywords[0] - 1,
			   c->p->as_new_lesson_keywords, &c->p->as_new_lesson_nkeywords);
}

static int r_as_handover(struct ctx *c, json_t *pa, const char *path)
{
	return get_int(c, pa, path, "alert_after_minutes", 0, MAX_MINUTES,
		       &c->p->as_handover_alert_min);
}

static int r_as_venue(struct ctx *c, json_t *pa, const char *path)
{
	return get_int(c, pa, path, "max_days_since_check", 1, 366, &c->p->as_venue_check_days);
}

/* ---- issue 12 rules ---- */

static int r_as_coverage(struct ctx *c, json_t *pa, const char *path)
{
	return get_int(c, pa, path, "max_gap_minutes", 0, MAX_MINUTES, &c->p->as_max_gap_min);
}

/* HW_SUBJECT_GRADE: {"grades": {"物理": [8, 9], ...}}, each subject taught
 * in a run of grades 1..9. */
static int r_hw_subject_grade(struct ctx *c, json_t *pa, const char *path)
{
	json_t *grades, *v;
	char gp[PATH_LEN], sp[PATH_LEN], ip[PATH_LEN];
	const char *name;
	int n = 0;

	if (get_obj(c, pa, path, "grades", &grades))
		return -1;
	join(gp, path, "grades");
	if (json_object_size(grades) < 1 || json_object_size(grades) > POLICY_MAX_SUBJECTS)
		return fail(c, gp, "应有 1 到 %d 门学科", POLICY_MAX_SUBJECTS);
	json_object_foreach(grades, name, v) {
		struct policy_subject *s = &c->p->hw_subjects[n];

		join(sp, gp, name);
		if (!*name || strlen(name) >= sizeof s->name)
			return fail(c, sp, "学科名应为 1 到 %zu 字节", sizeof s->name - 1);
		if (want_arr(c, v, sp, 2, 2))
			return -1;
		join_idx(ip, sp, 0);
		if (want_int(c, json_array_get(v, 0), ip, 1, POLICY_MAX_GRADE, &s->grade_lo))
			return -1;
		join_idx(ip, sp, 1);
		if (want_int(c, json_array_get(v, 1), ip, s->grade_lo, POLICY_MAX_GRADE,
			     &s->grade_hi))
			return -1;
		snprintf(s->name, sizeof s->name, "%s", name);
		n++;
	}
	c->p->hw_nsubjects = n;
	return 0;
}

/* HW_DIFFICULTY: {"sample_per_week": 1..100}. */
static int r_hw_difficulty(struct ctx *c, json_t *pa, const char *path)
{
	return get_int(c, pa, path, "sample_per_week", 1, MAX_COUNT, &c->p->hw_difficulty_sample);
}

/* HW_OPTIONAL: {"count_optional": bool, "minutes": {band: cap}}. */
static int r_hw_optional(struct ctx *c, json_t *pa, const char *path)
{
	json_t *m;
	char mp[PATH_LEN];

	if (get_bool(c, pa, path, "count_optional", &c->p->hw_count_optional) ||
	    get_obj(c, pa, path, "minutes", &m))
		return -1;
	join(mp, path, "minutes");
	return band_minutes(c, m, mp, c->p->hw_optional_limit);
}

static int r_ti_penalty(struct ctx *c, json_t *pa, const char *path)
{
	return string_list(c, pa, path, "ladder", POLICY_MAX_LADDER, MAX_LIST_ITEM_BYTES,
			   c->p->ti_ladder, &c->p->ti_nladder) ||
	       get_int(c, pa, path, "max_amount_yuan", 1, 100000000, &c->p->ti_max_amount_yuan);
}

static int r_ti_sweep(struct ctx *c, json_t *pa, const char *path)
{
	return get_int(c, pa, path, "evidence_max_kb", 1, 16384, &c->p->ti_evidence_max_kb);
}

/* ---- part SC: supervision visits ---- */
static int r_sv_rectify(struct ctx *c, json_t *pa, const char *path)
{
	if (get_int(c, pa, path, "default_days", 1, 366, &c->p->sv_rectify_default_days) ||
	    get_int(c, pa, path, "max_days", 1, 366, &c->p->sv_rectify_max_days))
		return -1;
	if (c->p->sv_rectify_default_days > c->p->sv_rectify_max_days) {
		char fp[PATH_LEN];

		join(fp, path, "default_days");
		return fail(c, fp, "不能大于 max_days");
	}
	return 0;
}
/* (SV_EVIDENCE, shared with the self-assessment's files: r_sv_evidence below) */
/* ---- end of part SC ---- */

static int r_ti_prepay(struct ctx *c, json_t *pa, const char *path)
{
	int yuan;

	if (get_int(c, pa, path, "months", 1, 120, &c->p->ti_prepay_months) ||
	    get_int(c, pa, path, "lessons", 1, 10000, &c->p->ti_prepay_lessons) ||
	    get_int(c, pa, path, "amount_yuan", 1, 10000000, &yuan))
		return -1;
	c->p->ti_prepay_fen = (long)yuan * 100;
	return 0;
}

static int r_ti_standards(struct ctx *c, json_t *pa, const char *path)
{
	return string_list(c, pa, path, "checklist", POLICY_MAX_KEYWORDS,
			   sizeof c->p->ti_checklist[0] - 1, c->p->ti_checklist,
			   &c->p->ti_nchecklist);
}

static int r_te_paid(struct ctx *c, json_t *pa, const char *path)
{
	const char *f = NULL;

	if (get_bool(c, pa, path, "veto", &c->p->te_veto) ||
	    get_int(c, pa, path, "year_start_month", 1, 12, &c->p->te_year_start_month) ||
	    get_str(c, pa, path, "finding", sizeof c->p->te_finding - 1, &f))
		return -1;
	snprintf(c->p->te_finding, sizeof c->p->te_finding, "%s", f);
	return 0;
}

static int r_rp_deadline(struct ctx *c, json_t *pa, const char *path)
{
	return get_int(c, pa, path, "answer_days", 1, 366, &c->p->rp_answer_days);
}

static int r_rp_rate(struct ctx *c, json_t *pa, const char *path)
{
	return get_int(c, pa, path, "per_ip_per_hour", 1, 10000, &c->p->rp_per_ip_per_hour);
}

static int r_rp_evidence(struct ctx *c, json_t *pa, const char *path)
{
	return get_int(c, pa, path, "max_files", 0, 50, &c->p->rp_max_files) ||
	       get_int(c, pa, path, "max_bytes", 1, 8 << 20, &c->p->rp_max_bytes) ||
	       get_int(c, pa, path, "upload_hours", 0, 24 * 30, &c->p->rp_upload_hours) ? -1 : 0;
}

static int r_ex_g12(struct ctx *c, json_t *pa, const char *path)
{
	return band_list(c, pa, path, "bands", c->p->ex_paper_forbidden);
}

static int r_ex_final(struct ctx *c, json_t *pa, const char *path)
{
	return get_int(c, pa, path, "per_term", 0, MAX_COUNT, &c->p->ex_finals_per_term);
}

static int r_ex_midterm(struct ctx *c, json_t *pa, const char *path)
{
	bool on[POLICY_MAX_GRADE + 1] = {false};
	int n, g;

	if (band_list(c, pa, path, "bands", on) ||
	    get_int(c, pa, path, "per_term", 0, MAX_COUNT, &n))
		return -1;
	for (g = 1; g <= POLICY_MAX_GRADE; g++)
		c->p->ex_midterms_per_term[g] = on[g] ? n : 0;
	return 0;
}

static int r_ex_ranking(struct ctx *c, json_t *pa, const char *path)
{
	return string_list(c, pa, path, "levels", MAX_LIST_ITEMS, MAX_LIST_ITEM_BYTES,
			   c->p->ex_levels, &c->p->ex_nlevels);
}

const char *const policy_exam_kinds[] = { "final", "midterm", "unit", "monthly", NULL };

/* EX_FORBIDDEN_KIND: kinds other than final and midterm (EX_FINAL_ONCE and
 * EX_MIDTERM count those). */
static int r_ex_forbidden(struct ctx *c, json_t *pa, const char *path)
{
	struct policy *p = c->p;
	char kp[PATH_LEN], ep[PATH_LEN];
	int i, k;

	if (string_list(c, pa, path, "kinds", MAX_LIST_ITEMS, MAX_LIST_ITEM_BYTES,
			p->ex_forbidden_kinds, &p->ex_nforbidden_kinds))
		return -1;
	join(kp, path, "kinds");
	for (i = 0; i < p->ex_nforbidden_kinds; i++) {
		for (k = 2; policy_exam_kinds[k]; k++)
			if (!strcmp(policy_exam_kinds[k], p->ex_forbidden_kinds[i]))
				break;
		if (!policy_exam_kinds[k]) {
			join_idx(ep, kp, (size_t)i);
			return fail(c, ep, "未知的考试类型 %s(可为 unit、monthly;期末、期中考试由"
				    " EX_FINAL_ONCE、EX_MIDTERM 管)", p->ex_forbidden_kinds[i]);
		}
	}
	return 0;
}

static int r_mg_sleep(struct ctx *c, json_t *pa, const char *path)
{
	static const char *const keys[] = {"primary", "junior", "senior", NULL};
	struct policy *p = c->p;
	char hp[PATH_LEN];
	json_t *h;

	if (get_obj(c, pa, path, "hours", &h))
		return -1;
	join(hp, path, "hours");
	if (check_keys(c, h, hp, keys) ||
	    get_int(c, h, hp, "primary", 0, MAX_HOURS, &p->sleep_hours_primary) ||
	    get_int(c, h, hp, "junior", 0, MAX_HOURS, &p->sleep_hours_junior) ||
	    get_int(c, h, hp, "senior", 0, MAX_HOURS, &p->sleep_hours_senior) ||
	    get_int(c, pa, path, "floor_hours", 0, MAX_HOURS, &p->sleep_hours_floor) ||
	    get_int(c, pa, path, "max_hours", 1, MAX_HOURS, &p->sleep_max_hours))
		return -1;
	return 0;
}

/* MG_SLEEP_FEASIBLE: the district's default wake time and way home. */
static int r_mg_feasible(struct ctx *c, json_t *pa, const char *path)
{
	char mp[PATH_LEN];
	const char *s = NULL;

	if (get_str(c, pa, path, "wake_time", 5, &s))
		return -1;
	if (parse_hhmm(s, &c->p->sleep_wake_default_min)) {
		join(mp, path, "wake_time");
		return fail(c, mp, "应为 HH:MM 格式的时间(00:00 到 23:59,两位数字)");
	}
	return get_int(c, pa, path, "travel_minutes", 0, MAX_MINUTES,
		       &c->p->sleep_travel_default_min);
}

static int r_mg_pe(struct ctx *c, json_t *pa, const char *path)
{
	return get_int(c, pa, path, "minutes", 0, MAX_MINUTES, &c->p->pe_daily_minutes);
}

static int r_mg_eye(struct ctx *c, json_t *pa, const char *path)
{
	return get_int(c, pa, path, "per_day", 0, MAX_COUNT, &c->p->eye_exercises_per_day);
}

/* ---- health (MG_VISION_SCREENING, MG_FITNESS): numbers with one decimal ---- */

/* A number with at most one decimal between lo and hi tenths, as tenths. */
static int get_tenths(struct ctx *c, json_t *obj, const char *path, const char *key, int lo,
		      int hi, int *out)
{
	char mp[PATH_LEN];
	json_t *v = member(c, obj, path, key, mp);
	double x, t;

	if (!v)
		return -1;
	x = json_number_value(v) * 10;
	t = (double)(long)(x + (x < 0 ? -0.5 : 0.5));
	if (!json_is_number(v) || x - t > 1e-6 || t - x > 1e-6 || t < lo || t > hi)
		return fail(c, mp, "应为 %d.%d 到 %d.%d 之间、最多一位小数的数", lo / 10, lo % 10,
			    hi / 10, hi % 10);
	*out = (int)t;
	return 0;
}

static int r_mg_vision(struct ctx *c, json_t *pa, const char *path)
{
	struct policy *p = c->p;

	if (get_int(c, pa, path, "per_term", 0, MAX_COUNT, &p->vision_screenings_per_term) ||
	    get_tenths(c, pa, path, "scale_min", 0, 99, &p->vision_min_tenths) ||
	    get_tenths(c, pa, path, "scale_max", p->vision_min_tenths, 99, &p->vision_max_tenths) ||
	    get_tenths(c, pa, path, "myopia_below", p->vision_min_tenths, p->vision_max_tenths,
		       &p->vision_myopia_below_tenths))
		return -1;
	return 0;
}

static int r_mg_fitness(struct ctx *c, json_t *pa, const char *path)
{
	struct policy *p = c->p;

	if (get_tenths(c, pa, path, "max_total", 1, 9999, &p->fitness_max_tenths) ||
	    get_tenths(c, pa, path, "excellent", 0, p->fitness_max_tenths,
		       &p->fitness_excellent_tenths) ||
	    get_tenths(c, pa, path, "good", 0, p->fitness_excellent_tenths,
		       &p->fitness_good_tenths) ||
	    get_tenths(c, pa, path, "pass", 0, p->fitness_good_tenths, &p->fitness_pass_tenths))
		return -1;
	return 0;
}

/* ---- satisfaction surveys (SV_SURVEY, SV_MIN_GROUP; issue 15, part SD) ---- */

static int r_sv_min_group(struct ctx *c, json_t *pa, const char *path)
{
	return get_int(c, pa, path, "min_answers", 1, 1000, &c->p->sv_min_group);
}

/* scale: [{value, name}], values distinct and falling (best first). */
static int sv_scale(struct ctx *c, json_t *pa, const char *path)
{
	static const char *const keys[] = {"value", "name", NULL};
	struct policy *p = c->p;
	json_t *arr, *e;
	char sp[PATH_LEN], ep[PATH_LEN];
	const char *name;
	size_t i;

	if (get_arr(c, pa, path, "scale", 2, POLICY_SV_MAX_SCALE, &arr))
		return -1;
	join(sp, path, "scale");
	json_array_foreach(arr, i, e) {
		join_idx(ep, sp, i);
		if (want_obj(c, e, ep) || check_keys(c, e, ep, keys) ||
		    get_int(c, e, ep, "value", 0, 100, &p->svy_scale[i]) ||
		    get_str(c, e, ep, "name", 31, &name))
			return -1;
		if (i > 0 && p->svy_scale[i] >= p->svy_scale[i - 1])
			return fail(c, ep, "量表应从高到低排列，分值各不相同");
		copy_str(p->svy_scale_names[i], sizeof p->svy_scale_names[i], name);
	}
	p->svy_nscale = (int)i;
	return 0;
}

static int sv_question(struct ctx *c, json_t *q, const char *qp, struct policy_sv_template *t)
{
	static const char *const keys[] = {"id", "text", "kind", "required", NULL};
	struct policy_sv_question *x = &t->q[t->nq];
	const char *id, *text, *kind;
	char kp[PATH_LEN];

	if (want_obj(c, q, qp) || check_keys(c, q, qp, keys) || get_str(c, q, qp, "id", 15, &id) ||
	    get_str(c, q, qp, "text", sizeof x->text - 1, &text) ||
	    get_str(c, q, qp, "kind", 15, &kind) || get_bool(c, q, qp, "required", &x->required))
		return -1;
	for (int k = 0; k < t->nq; k++)
		if (!strcmp(t->q[k].id, id))
			return fail(c, qp, "题目编号 %s 重复", id);
	join(kp, qp, "kind");
	if (strcmp(kind, "scale") && strcmp(kind, "text"))
		return fail(c, kp, "应为 scale（按量表作答）或 text（文字作答）");
	copy_str(x->id, sizeof x->id, id);
	copy_str(x->text, sizeof x->text, text);
	x->words = !strcmp(kind, "text");
	t->nq++;
	return 0;
}

static int sv_template(struct ctx *c, json_t *e, const char *ep)
{
	static const char *const keys[] = {"group", "name", "questions", NULL};
	static const char *const groups[] = {"parent", "student", "teacher", NULL};
	struct policy *p = c->p;
	struct policy_sv_template *t = &p->sv_templates[p->sv_ntemplates];
	const char *group, *name;
	json_t *qs, *q;
	char qp[PATH_LEN], gp[PATH_LEN], ip[PATH_LEN];
	size_t i;
	int g;

	if (want_obj(c, e, ep) || check_keys(c, e, ep, keys) ||
	    get_str(c, e, ep, "group", 15, &group) || get_str(c, e, ep, "name", 63, &name) ||
	    get_arr(c, e, ep, "questions", POLICY_SV_MIN_Q, POLICY_SV_MAX_Q, &qs))
		return -1;
	join(gp, ep, "group");
	for (g = 0; groups[g] && strcmp(groups[g], group); g++)
		;
	if (!groups[g])
		return fail(c, gp, "应为 parent、student 或 teacher");
	for (int k = 0; k < p->sv_ntemplates; k++)
		if (!strcmp(p->sv_templates[k].group, group))
			return fail(c, gp, "%s 已有问卷模板", group);
	copy_str(t->group, sizeof t->group, group);
	copy_str(t->name, sizeof t->name, name);
	join(qp, ep, "questions");
	json_array_foreach(qs, i, q) {
		join_idx(ip, qp, i);
		if (sv_question(c, q, ip, t))
			return -1;
	}
	p->sv_ntemplates++;
	return 0;
}

/* SV_SURVEY: the scale, the share counted as satisfied, and one template of
 * 5-10 questions for each of the three groups. */
static int r_sv_survey(struct ctx *c, json_t *pa, const char *path)
{
	struct policy *p = c->p;
	json_t *ts, *e;
	char tp[PATH_LEN], ep[PATH_LEN];
	size_t i;

	if (sv_scale(c, pa, path) ||
	    get_int(c, pa, path, "satisfied_from", p->svy_scale[p->svy_nscale - 1], p->svy_scale[0],
		    &p->sv_satisfied_from) ||
	    get_int(c, pa, path, "text_max", 1, 2000, &p->sv_text_max) ||
	    get_arr(c, pa, path, "templates", POLICY_SV_GROUPS, POLICY_SV_GROUPS, &ts))
		return -1;
	join(tp, path, "templates");
	json_array_foreach(ts, i, e) {
		join_idx(ep, tp, i);
		if (sv_template(c, e, ep))
			return -1;
	}
	return 0;
}

/* SV_SCALE: 1..16 levels {key, name, points 0..100}, keys and names
 * distinct; met, partly and not_met must be there (the computed items give
 * their verdicts by these keys). */
static int sv_level(struct ctx *c, json_t *v, const char *ep, struct policy_sv_level *l)
{
	static const char *const keys[] = {"key", "name", "points", NULL};
	const char *s;

	if (want_obj(c, v, ep) || check_keys(c, v, ep, keys) ||
	    get_str(c, v, ep, "key", sizeof l->key - 1, &s))
		return -1;
	if (!id_chars_ok(s, true)) {
		char kp[PATH_LEN];

		join(kp, ep, "key");
		return fail(c, kp, "只能用小写字母、数字和下划线");
	}
	copy_str(l->key, sizeof l->key, s);
	if (get_str(c, v, ep, "name", sizeof l->name - 1, &s))
		return -1;
	copy_str(l->name, sizeof l->name, s);
	return get_int(c, v, ep, "points", 0, 100, &l->points);
}

static int r_sv_scale(struct ctx *c, json_t *pa, const char *path)
{
	static const char *const need[] = {"met", "partly", "not_met"};
	struct policy *p = c->p;
	char lp[PATH_LEN], ep[PATH_LEN];
	json_t *arr, *v;
	size_t i, j;

	if (get_arr(c, pa, path, "levels", 1, POLICY_MAX_LADDER, &arr))
		return -1;
	join(lp, path, "levels");
	json_array_foreach(arr, i, v) {
		join_idx(ep, lp, i);
		if (sv_level(c, v, ep, &p->sv_scale[i]))
			return -1;
		for (j = 0; j < i; j++)
			if (!strcmp(p->sv_scale[j].key, p->sv_scale[i].key) ||
			    !strcmp(p->sv_scale[j].name, p->sv_scale[i].name))
				return fail(c, ep, "与第 %zu 项重复", j + 1);
	}
	p->sv_nscale = (int)json_array_size(arr);
	for (i = 0; i < sizeof need / sizeof need[0]; i++) {
		for (j = 0; j < (size_t)p->sv_nscale; j++)
			if (!strcmp(p->sv_scale[j].key, need[i]))
				break;
		if (j == (size_t)p->sv_nscale)
			return fail(c, lp, "缺少等级 %s", need[i]);
	}
	return 0;
}

/* SV_WEIGHTS: default 1..100; items {id: 1..100}, the ids checked against
 * the indicator table once it is read (sv_weight_targets). */
static int r_sv_weights(struct ctx *c, json_t *pa, const char *path)
{
	const char *id;
	json_t *items, *v;
	char ip[PATH_LEN], wp[PATH_LEN];
	int w;

	if (get_int(c, pa, path, "default", 1, 100, &c->p->sv_weight_default) ||
	    get_obj(c, pa, path, "items", &items))
		return -1;
	join(ip, path, "items");
	json_object_foreach(items, id, v) {
		join(wp, ip, id);
		if (want_int(c, v, wp, 1, 100, &w))
			return -1;
	}
	return 0;
}

static int r_sv_special(struct ctx *c, json_t *pa, const char *path)
{
	return get_int(c, pa, path, "threshold", 0, 100, &c->p->sv_special_threshold);
}

static int r_sv_evidence(struct ctx *c, json_t *pa, const char *path)
{
	return get_int(c, pa, path, "max_files", 1, 50, &c->p->sv_evidence_files) ||
	       get_int(c, pa, path, "max_kb", 1, 16 * 1024, &c->p->sv_evidence_max_kb) ? -1 : 0;
}

static const char *const k_none[] = {NULL};
static const char *const k_bands[] = {"bands", NULL};
static const char *const k_minutes[] = {"minutes", NULL};
static const char *const k_keywords[] = {"keywords", NULL};
static const char *const k_noncompl[] = {"count", "window_school_days", NULL};
static const char *const k_families[] = {"min_families", NULL};
static const char *const k_five[] = {"min_days_per_week", NULL};
static const char *const k_end[] = {"not_before", NULL};
static const char *const k_weekend[] = {"max_days", NULL};
static const char *const k_handover[] = {"alert_after_minutes", NULL};
static const char *const k_venue[] = {"max_days_since_check", NULL};
static const char *const k_ladder[] = {"ladder", "max_amount_yuan", NULL};
static const char *const k_evidence[] = {"evidence_max_kb", NULL};
static const char *const k_sv_rectify[] = {"default_days", "max_days", NULL}; /* part SC */
static const char *const k_veto[] = {"veto", "finding", "year_start_month", NULL};
static const char *const k_rp_deadline[] = {"answer_days", NULL};
static const char *const k_rp_rate[] = {"per_ip_per_hour", NULL};
static const char *const k_rp_evidence[] = {"max_files", "max_bytes", "upload_hours", NULL};
static const char *const k_prepay[] = {"months", "lessons", "amount_yuan", NULL};
static const char *const k_checklist[] = {"checklist", NULL};
static const char *const k_per_term[] = {"per_term", NULL};
static const char *const k_midterm[] = {"bands", "per_term", NULL};
static const char *const k_levels[] = {"levels", NULL};
static const char *const k_kinds[] = {"kinds", NULL};
static const char *const k_sleep[] = {"hours", "floor_hours", "max_hours", NULL};
static const char *const k_feasible[] = {"wake_time", "travel_minutes", NULL};
static const char *const k_per_day[] = {"per_day", NULL};
static const char *const k_vision[] = {"per_term", "scale_min", "scale_max", "myopia_below",
				       NULL};
static const char *const k_fitness[] = {"max_total", "excellent", "good", "pass", NULL};
/* issue 12 */
static const char *const k_coverage[] = {"max_gap_minutes", NULL};
static const char *const k_subject_grade[] = {"grades", NULL};
static const char *const k_optional[] = {"count_optional", "minutes", NULL};
static const char *const k_difficulty[] = {"sample_per_week", NULL};
static const char *const k_sv_min[] = {"min_answers", NULL};                    /* part SD */
static const char *const k_sv_survey[] = {"scale", "satisfied_from", "text_max", "templates",
					  NULL};                                 /* part SD */
static const char *const k_sv_weights[] = {"default", "items", NULL};
static const char *const k_threshold[] = {"threshold", NULL};
static const char *const k_sv_evidence[] = {"max_files", "max_kb", NULL};

static const struct rule_spec {
	const char *code;
	const char *const *keys;
	int (*parse)(struct ctx *c, json_t *params, const char *path);
} rule_specs[] = {
	/* HW_WRITTEN_G12 first: the minute limits depend on it. */
	{"HW_WRITTEN_G12", k_bands, r_hw_written},
	{"HW_DAILY_LIMIT", k_minutes, r_hw_daily},
	{"HW_OFFDAY_LIMIT", k_minutes, r_hw_offday},
	{"HW_PARENT", k_keywords, r_hw_parent},
	{"HW_DIFFICULTY", k_difficulty, r_hw_difficulty}, /* issue 12 */
	{"HW_SELF_GRADING", k_none, r_none},
	{"HW_COORDINATION", k_none, r_none},
	{"HW_PUBLICITY", k_none, r_none},
	{"HW_NONCOMPLETION", k_noncompl, r_hw_noncompletion},
	{"HW_REPORTED_AVERAGE", k_families, r_hw_reported},
	{"AS_VOLUNTARY", k_none, r_none},
	{"AS_FEES", k_none, r_none},
	{"AS_STAFF_VETTING", k_none, r_none},
	{"AS_FIVE_DAYS", k_five, r_as_five_days},
	{"AS_END_TIME", k_end, r_as_end_time},
	{"AS_EVENING_JUNIOR", k_bands, r_as_evening},
	{"AS_WEEKEND", k_weekend, r_as_weekend},
	{"AS_NO_NEW_LESSON", k_keywords, r_as_new_lesson},
	{"AS_HANDOVER", k_handover, r_as_handover},
	{"AS_VENUE_CHECK", k_venue, r_as_venue},
	{"TI_PRESCHOOL", k_none, r_none},
	{"TI_SUBJECT", k_none, r_none},
	{"TI_PENALTY", k_ladder, r_ti_penalty},
	{"TI_SWEEP", k_evidence, r_ti_sweep},
	{"TI_CATEGORY", k_none, r_none},
	{"TI_PREPAY_CAP", k_prepay, r_ti_prepay},
	{"TI_STANDARDS", k_checklist, r_ti_standards},
	{"TE_PAID_TUTORING", k_veto, r_te_paid},
	{"RP_ANSWER_DEADLINE", k_rp_deadline, r_rp_deadline},
	{"RP_RATE_LIMIT", k_rp_rate, r_rp_rate},
	{"RP_EVIDENCE", k_rp_evidence, r_rp_evidence},
	{"EX_G12_PAPER", k_bands, r_ex_g12},
	{"EX_FINAL_ONCE", k_per_term, r_ex_final},
	{"EX_MIDTERM", k_midterm, r_ex_midterm},
	{"EX_NO_RANKING", k_levels, r_ex_ranking},
	{"EX_FORBIDDEN_KIND", k_kinds, r_ex_forbidden},
	{"MG_SLEEP", k_sleep, r_mg_sleep},
	{"MG_SLEEP_FEASIBLE", k_feasible, r_mg_feasible},
	{"MG_PHONES", k_none, r_none},
	{"MG_READING", k_none, r_none},
	{"MG_PE_DAILY", k_minutes, r_mg_pe},
	{"MG_EYE_EXERCISES", k_per_day, r_mg_eye},
	{"MG_VISION_SCREENING", k_vision, r_mg_vision},
	{"MG_FITNESS", k_fitness, r_mg_fitness},
	/* issue 12 */
	{"AS_COVERAGE", k_coverage, r_as_coverage},
	{"HW_SUBJECT_GRADE", k_subject_grade, r_hw_subject_grade},
	{"HW_OPTIONAL", k_optional, r_hw_optional},
	/* satisfaction surveys (issue 15, part SD) */
	{"SV_SURVEY", k_sv_survey, r_sv_survey},
	{"SV_MIN_GROUP", k_sv_min, r_sv_min_group},
	/* part SC: supervision visits */
	{"SV_RECTIFY", k_sv_rectify, r_sv_rectify},
	{"SV_SCALE", k_levels, r_sv_scale},
	{"SV_WEIGHTS", k_sv_weights, r_sv_weights},
	{"SV_REASON_REQUIRED", k_none, r_none},
	{"SV_EVIDENCE", k_sv_evidence, r_sv_evidence},
	{"SV_SPECIAL", k_threshold, r_sv_special},
};

#define N_RULES (sizeof rule_specs / sizeof rule_specs[0])

static bool known_rule(const char *code)
{
	size_t i;

	for (i = 0; i < N_RULES; i++)
		if (strcmp(rule_specs[i].code, code) == 0)
			return true;
	return false;
}

static int parse_rules(struct ctx *c, json_t *root)
{
	static const char *const keys[] = {"clause", "title", "district_setting", "params",
					   NULL};
	const char *code, *s;
	json_t *r, *params;
	char rp[PATH_LEN], pp[PATH_LEN];
	bool ds;
	size_t i;

	if (get_obj(c, root, "", "rules", &c->rules))
		return -1;
	json_object_foreach(c->rules, code, r) {
		if (!known_rule(code)) {
			join(rp, "rules", code);
			return fail(c, rp, "未知的规则代码");
		}
	}
	for (i = 0; i < N_RULES; i++) {
		const struct rule_spec *sp = &rule_specs[i];

		join(rp, "rules", sp->code);
		r = json_object_get(c->rules, sp->code);
		if (!r)
			return fail(c, rp, "缺少此规则");
		if (want_obj(c, r, rp) || check_keys(c, r, rp, keys) ||
		    get_str(c, r, rp, "clause", MAX_CLAUSE_BYTES, &s) ||
		    get_str(c, r, rp, "title", MAX_TITLE_BYTES, &s) ||
		    get_bool(c, r, rp, "district_setting", &ds) ||
		    get_obj(c, r, rp, "params", &params))
			return -1;
		join(pp, rp, "params");
		if (check_keys(c, params, pp, sp->keys) || sp->parse(c, params, pp))
			return -1;
	}
	return 0;
}

/* ---- errata ---- */

static int parse_errata(struct ctx *c, json_t *root)
{
	static const char *const keys[] = {"where", "published", "reading", NULL};
	json_t *e;
	char ep[PATH_LEN], fp[PATH_LEN];
	const char *where, *pub, *rd;
	size_t i;

	if (get_arr(c, root, "", "errata", 0, 1000, &c->errata))
		return -1;
	json_array_foreach(c->errata, i, e) {
		join_idx(ep, "errata", i);
		if (want_obj(c, e, ep) || check_keys(c, e, ep, keys) ||
		    get_str(c, e, ep, "where", MAX_CLAUSE_BYTES, &where) ||
		    get_str(c, e, ep, "published", MAX_CLAUSE_BYTES, &pub) ||
		    get_str(c, e, ep, "reading", MAX_CLAUSE_BYTES, &rd))
			return -1;
		if (strcmp(pub, rd) == 0) {
			join(fp, ep, "reading");
			return fail(c, fp, "与 published 相同");
		}
	}
	return 0;
}

/* Replace every occurrence of `from` (non-empty) in s into a new string of at
 * most max bytes: 0 ok, 1 result too long, -1 out of memory. */
static int replace_all(const char *s, const char *from, const char *to, size_t max,
		       char **res)
{
	size_t nf = strlen(from), nt = strlen(to), n = 0, len = strlen(s);
	const char *q;
	char *out, *w;

	*res = NULL;
	for (q = strstr(s, from); q; q = strstr(q + nf, from))
		n++;
	/* len <= max and nt is bounded by the errata field size: no overflow */
	if (len - n * nf + n * nt > max)
		return 1;
	out = malloc(len - n * nf + n * nt + 1);
	if (!out)
		return -1;
	w = out;
	for (q = s; n > 0; n--) {
		const char *hit = strstr(q, from);

		memcpy(w, q, (size_t)(hit - q));
		w += hit - q;
		memcpy(w, to, nt);
		w += nt;
		q = hit + nf;
	}
	memcpy(w, q, strlen(q) + 1);
	*res = out;
	return 0;
}

/* The indicator `id` has published text `text` and reading `corr` (may be
 * NULL): the errata for this id must turn one into the other. */
static int check_corrected(struct ctx *c, const char *id, const char *text,
			   const char *corr, const char *corr_path)
{
	char *cur = NULL, *next;
	char ep[PATH_LEN], xp[PATH_LEN];
	json_t *e;
	size_t i, found = 0;
	int rc = -1, r;

	cur = malloc(strlen(text) + 1);
	if (!cur) {
		fail(c, corr_path, "内存不足");
		goto out;
	}
	memcpy(cur, text, strlen(text) + 1);
	json_array_foreach(c->errata, i, e) {
		const char *pub = json_string_value(json_object_get(e, "published"));

		if (strcmp(json_string_value(json_object_get(e, "where")), id) != 0)
			continue;
		found++;
		if (!strstr(cur, pub)) {
			join_idx(xp, "errata", i);
			join(ep, xp, "published");
			fail(c, ep, "指标 %s 的原文中没有这段文字", id);
			goto out;
		}
		r = replace_all(cur, pub, json_string_value(json_object_get(e, "reading")),
				MAX_TEXT_BYTES, &next);
		if (r) {
			fail(c, corr_path, r > 0 ? "套用勘误后的文字过长" : "内存不足");
			goto out;
		}
		free(cur);
		cur = next;
	}
	if (found && !corr) {
		fail(c, corr_path, "errata 中有 %s 的勘误,此处应给出勘误后的文字", id);
		goto out;
	}
	if (!found && corr) {
		fail(c, corr_path, "errata 中没有 %s 的勘误条目", id);
		goto out;
	}
	if (corr && strcmp(cur, corr) != 0) {
		fail(c, corr_path, "与原文套用 errata 勘误后的文字不一致");
		goto out;
	}
	rc = 0;
out:
	free(cur);
	return rc;
}

/* ---- indicator table ---- */

static int check_id(struct ctx *c, json_t *obj, const char *path, char letter,
		    const char *expected, int cur_b, int cur_k, const char **out)
{
	char ip[PATH_LEN];
	const char *s = NULL;
	int kind, n, k;

	if (get_str(c, obj, path, "id", 32, &s))
		return -1;
	*out = s;
	if (strcmp(s, expected) == 0)
		return 0;
	join(ip, path, "id");
	kind = parse_ind_id(s, letter, &n, &k);
	if (kind == 1 && cur_k == 0 && n < cur_b)
		return fail(c, ip, "编号 %s 重复", s);
	if (kind == 2 && cur_k > 0 && n == cur_b && k < cur_k)
		return fail(c, ip, "编号 %s 重复", s);
	return fail(c, ip, "编号应为 %s(按顺序从 1 编起)", expected);
}

static int rule_refs(struct ctx *c, json_t *item, const char *path)
{
	json_t *arr, *v;
	char lp[PATH_LEN], ep[PATH_LEN];
	const char *s = NULL;
	size_t i, j;

	if (get_arr(c, item, path, "rules", 0, N_RULES, &arr))
		return -1;
	join(lp, path, "rules");
	json_array_foreach(arr, i, v) {
		join_idx(ep, lp, i);
		if (want_str(c, v, ep, 64, &s))
			return -1;
		if (!json_object_get(c->rules, s))
			return fail(c, ep, "规则 %s 不存在(见 rules)", s);
		for (j = 0; j < i; j++)
			if (strcmp(json_string_value(json_array_get(arr, j)), s) == 0)
				return fail(c, ep, "规则 %s 重复", s);
	}
	return 0;
}

/* ---- records a computable item is judged from ---- */

const char *const policy_record_ids[] = { "homework", "reported_time", "grading", "followup",
					  "as_plan", "as_applications", "exam", "survey",
					  "vision_screening", "pe",
					  /* issue 15 SB: records the computed items read */
					  "as_sessions", "as_staff", "as_safety", "checkin",
					  "ethics", NULL };

/* "records": the kinds of record a computable item is judged from, each
 * known and listed once; an item an inspector judges has none. */
static int record_refs(struct ctx *c, json_t *item, const char *path, bool computable)
{
	json_t *arr = json_object_get(item, "records"), *v;
	char lp[PATH_LEN], ep[PATH_LEN];
	const char *s = NULL;
	size_t i, j;
	bool known;

	join(lp, path, "records");
	if (!computable)
		return arr ? fail(c, lp, "只有 computable 为 true 的指标才列出记录") : 0;
	if (get_arr(c, item, path, "records", 1, 8, &arr))
		return -1;
	json_array_foreach(arr, i, v) {
		join_idx(ep, lp, i);
		if (want_str(c, v, ep, 32, &s))
			return -1;
		known = false;
		for (j = 0; policy_record_ids[j]; j++)
			known |= strcmp(policy_record_ids[j], s) == 0;
		if (!known)
			return fail(c, ep, "未知的记录类型 %s", s);
		for (j = 0; j < i; j++)
			if (strcmp(json_string_value(json_array_get(arr, j)), s) == 0)
				return fail(c, ep, "记录类型 %s 重复", s);
	}
	return 0;
}

/* ---- supervision: computed items (issue 15 SB) ---- */

const char *const policy_sv_measures[] = { "hw_g12_none", "hw_within_limit", "grading_coverage",
					   "teacher_grading", "exam_within_rules", "participation",
					   "service_end", "staff_vetted", "venue_handover",
					   "hw_done_in_service", "satisfaction", "sleep_floor",
					   "vision_twice", "ethics_cases", "pe_time", NULL };

const struct policy_sv_item *policy_sv_item(const struct policy *p, const char *id)
{
	for (int i = 0; i < p->n_sv_items; i++)
		if (strcmp(p->sv_items[i].id, id) == 0)
			return &p->sv_items[i];
	return NULL;
}

/* "computed": {measure, unit, better, met, partly}, present exactly on the
 * computable items; marks 0..1000, partly no stricter than met. */
static int sv_computed(struct ctx *c, json_t *item, const char *path, const char *id,
		       bool computable)
{
	static const char *const keys[] = {"measure", "unit", "better", "met", "partly", NULL};
	json_t *o = json_object_get(item, "computed");
	struct policy_sv_item *s;
	const char *measure, *unit, *better;
	char cp[PATH_LEN], mp[PATH_LEN];
	bool known = false;

	join(cp, path, "computed");
	if (!computable)
		return o ? fail(c, cp, "只有 computable 为 true 的指标才有 computed") : 0;
	if (get_obj(c, item, path, "computed", &o) || check_keys(c, o, cp, keys) ||
	    get_str(c, o, cp, "measure", 31, &measure) || get_str(c, o, cp, "unit", 15, &unit) ||
	    get_str(c, o, cp, "better", 8, &better))
		return -1;
	for (int j = 0; policy_sv_measures[j]; j++)
		known |= strcmp(policy_sv_measures[j], measure) == 0;
	join(mp, cp, "measure");
	if (!known)
		return fail(c, mp, "未知的计算指标 %s", measure);
	join(mp, cp, "better");
	if (strcmp(better, "higher") != 0 && strcmp(better, "lower") != 0)
		return fail(c, mp, "应为 higher 或 lower");
	if (c->p->n_sv_items >= POLICY_MAX_SV_ITEMS)
		return fail(c, cp, "可计算的指标最多 %d 项", POLICY_MAX_SV_ITEMS);
	s = &c->p->sv_items[c->p->n_sv_items];
	if (get_int(c, o, cp, "met", 0, 1000, &s->met) ||
	    get_int(c, o, cp, "partly", 0, 1000, &s->partly))
		return -1;
	s->lower = better[0] == 'l';
	join(mp, cp, "partly");
	if (s->lower ? s->partly < s->met : s->partly > s->met)
		return fail(c, mp, "基本达标线不能比达标线更严");
	snprintf(s->id, sizeof s->id, "%s", id);
	snprintf(s->measure, sizeof s->measure, "%s", measure);
	snprintf(s->unit, sizeof s->unit, "%s", unit);
	c->p->n_sv_items++;
	return 0;
}

static int parse_c_item(struct ctx *c, json_t *item, const char *path, int bn, int k)
{
	static const char *const keys[] = {"id", "text", "corrected", "computable", "records",
					   "rules", "computed", NULL};
	char expected[32], cp[PATH_LEN];
	const char *id, *text, *corr;
	bool computable;

	snprintf(expected, sizeof expected, "B%d.%d", bn, k);
	if (want_obj(c, item, path) || check_keys(c, item, path, keys) ||
	    check_id(c, item, path, 'B', expected, bn, k, &id) ||
	    get_str(c, item, path, "text", MAX_TEXT_BYTES, &text) ||
	    get_opt_str(c, item, path, "corrected", true, MAX_TEXT_BYTES, &corr) ||
	    get_bool(c, item, path, "computable", &computable) ||
	    record_refs(c, item, path, computable) || rule_refs(c, item, path) ||
	    sv_computed(c, item, path, id, computable))
		return -1;
	join(cp, path, "corrected");
	return check_corrected(c, id, text, corr, cp);
}

/* Shared by A and B items: id, title, optional corrected_title. */
static int head_fields(struct ctx *c, json_t *item, const char *path, char letter,
		       int n, int cur_max)
{
	char expected[32], cp[PATH_LEN];
	const char *id, *title, *corr;

	snprintf(expected, sizeof expected, "%c%d", letter, n);
	if (check_id(c, item, path, letter, expected, cur_max, 0, &id) ||
	    get_str(c, item, path, "title", MAX_TITLE_BYTES, &title) ||
	    get_opt_str(c, item, path, "corrected_title", false, MAX_TITLE_BYTES, &corr))
		return -1;
	join(cp, path, "corrected_title");
	return check_corrected(c, id, title, corr, cp);
}

static int parse_indicators(struct ctx *c, json_t *root)
{
	static const char *const a_keys[] = {"id", "title", "corrected_title", "b", NULL};
	static const char *const b_keys[] = {"id", "title", "corrected_title", "c", NULL};
	struct policy *p = c->p;
	json_t *arr, *a, *bs, *b, *cs, *ci;
	char ap[PATH_LEN], bp[PATH_LEN], cp[PATH_LEN], tmp[PATH_LEN];
	size_t i, j, k;

	if (get_arr(c, root, "", "indicators", 1, 1000, &arr))
		return -1;
	json_array_foreach(arr, i, a) {
		join_idx(ap, "indicators", i);
		if (want_obj(c, a, ap) || check_keys(c, a, ap, a_keys) ||
		    head_fields(c, a, ap, 'A', (int)i + 1, (int)i + 1) ||
		    get_arr(c, a, ap, "b", 1, 1000, &bs))
			return -1;
		join(tmp, ap, "b");
		json_array_foreach(bs, j, b) {
			int bn = p->n_b + 1;

			join_idx(bp, tmp, j);
			if (want_obj(c, b, bp) || check_keys(c, b, bp, b_keys) ||
			    head_fields(c, b, bp, 'B', bn, bn) ||
			    get_arr(c, b, bp, "c", 1, 1000, &cs))
				return -1;
			json_array_foreach(cs, k, ci) {
				char cl[PATH_LEN];

				join(cl, bp, "c");
				join_idx(cp, cl, k);
				if (parse_c_item(c, ci, cp, bn, (int)k + 1))
					return -1;
				p->n_c++;
			}
			p->n_b++;
		}
		p->n_a++;
	}
	return 0;
}

static json_t *find_b(json_t *inds, int n)
{
	json_t *a, *b;
	size_t i, j;
	char id[32];

	snprintf(id, sizeof id, "B%d", n);
	json_array_foreach(inds, i, a)
		json_array_foreach(json_object_get(a, "b"), j, b)
			if (strcmp(json_string_value(json_object_get(b, "id")), id) == 0)
				return b;
	return NULL;
}

/* Each erratum that names an indicator (A<n>, B<n>, B<n>.<k>) must name one
 * that exists; the others point into the plan body (e.g. 五(一)2). */
static int errata_targets(struct ctx *c, json_t *root)
{
	json_t *inds = json_object_get(root, "indicators"), *e, *b;
	char ep[PATH_LEN], xp[PATH_LEN];
	size_t i;
	int n, k, kind;
	bool hit;

	json_array_foreach(c->errata, i, e) {
		const char *w = json_string_value(json_object_get(e, "where"));

		if (w[0] != 'A' && w[0] != 'B')
			continue;
		kind = parse_ind_id(w, w[0], &n, &k);
		if (kind == 0)
			continue;
		if (w[0] == 'A') {
			hit = n <= c->p->n_a;
		} else {
			b = find_b(inds, n);
			hit = b && (kind == 1 ||
				    (size_t)k <= json_array_size(json_object_get(b, "c")));
		}
		if (!hit) {
			join_idx(xp, "errata", i);
			join(ep, xp, "where");
			return fail(c, ep, "指标 %s 不存在", w);
		}
	}
	return 0;
}

/* SV_WEIGHTS.items names B or C items of the table. */
static int sv_weight_targets(struct ctx *c, json_t *root)
{
	json_t *items = json_object_get(json_object_get(json_object_get(c->rules, "SV_WEIGHTS"),
							"params"), "items"), *v, *b;
	const char *id;
	char wp[PATH_LEN];
	int n, k, kind;

	json_object_foreach(items, id, v) {
		kind = id[0] == 'B' ? parse_ind_id(id, 'B', &n, &k) : 0;
		b = kind ? find_b(json_object_get(root, "indicators"), n) : NULL;
		if (!b || (kind == 2 && (size_t)k > json_array_size(json_object_get(b, "c")))) {
			join(wp, "rules.SV_WEIGHTS.params.items", id);
			return fail(c, wp, "指标 %s 不存在（只能为 B 级或 C 级指标设权重）", id);
		}
	}
	return 0;
}

/* ---- top level ---- */

static int parse_root(struct ctx *c, json_t *root)
{
	static const char *const keys[] = {
		"format", "id", "title", "issuer", "district", "timezone",
		"utc_offset_minutes", "source", "grade_bands", "rules", "errata",
		"indicators", NULL};
	struct policy *p = c->p;
	const char *s = NULL;

	if (want_obj(c, root, "(顶层)") || check_keys(c, root, "", keys))
		return -1;
	if (get_str(c, root, "", "format", 64, &s))
		return -1;
	if (strcmp(s, PACK_FORMAT) != 0)
		return fail(c, "format", "应为 \"%s\"", PACK_FORMAT);
	if (get_str(c, root, "", "id", sizeof p->id - 1, &s))
		return -1;
	if (!id_chars_ok(s, false))
		return fail(c, "id", "只能包含字母、数字、点、横线和下划线");
	copy_str(p->id, sizeof p->id, s);
	if (get_str(c, root, "", "title", sizeof p->title - 1, &s))
		return -1;
	copy_str(p->title, sizeof p->title, s);
	if (get_str(c, root, "", "issuer", MAX_META_BYTES, &s) ||
	    get_str(c, root, "", "district", sizeof p->district - 1, &s))
		return -1;
	copy_str(p->district, sizeof p->district, s);
	if (get_str(c, root, "", "timezone", sizeof p->timezone - 1, &s))
		return -1;
	copy_str(p->timezone, sizeof p->timezone, s);
	if (get_int(c, root, "", "utc_offset_minutes", -720, 840, &p->utc_offset_minutes) ||
	    get_str(c, root, "", "source", MAX_META_BYTES, &s))
		return -1;
	if (parse_bands(c, root) || parse_rules(c, root) || parse_errata(c, root) ||
	    parse_indicators(c, root) || errata_targets(c, root) || sv_weight_targets(c, root))
		return -1;
	return 0;
}

int policy_parse(const char *text, size_t len, const char *name,
		 struct policy *out, char *err, size_t errlen)
{
	struct ctx c = {.name = name ? name : "(policy)", .err = err, .errlen = errlen,
			.p = out};
	json_error_t je;
	json_t *root = NULL;
	char where[64];
	int rc = -1;

	if (err && errlen)
		err[0] = '\0';
	if (!out) {
		fail(&c, NULL, "参数 out 为空");
		goto out;
	}
	memset(out, 0, sizeof *out);
	if (!text && len) {
		fail(&c, NULL, "参数 text 为空");
		goto out;
	}
	root = json_loadb(text ? text : "", len, JSON_REJECT_DUPLICATES, &je);
	if (!root) {
		snprintf(where, sizeof where, "第 %d 行第 %d 列", je.line, je.column);
		fail(&c, where, "JSON 语法错误(%s)", je.text);
		goto out;
	}
	if (parse_root(&c, root))
		goto out;
	out->raw = root;
	root = NULL;
	rc = 0;
out:
	json_decref(root);
	if (rc && out)
		memset(out, 0, sizeof *out);
	return rc;
}

static int open_fail(struct ctx *c, int e)
{
	switch (e) {
	case ENOENT:
		return fail(c, NULL, "文件不存在");
	case EACCES:
	case EPERM:
		return fail(c, NULL, "没有读取权限");
	case EISDIR:
		return fail(c, NULL, "是目录,不是文件");
	default:
		return fail(c, NULL, "无法读取文件(errno %d)", e);
	}
}

int policy_load_file(const char *path, struct policy *out, char *err, size_t errlen)
{
	struct ctx c = {.name = path ? path : "(null)", .err = err, .errlen = errlen,
			.p = out};
	struct stat st;
	char *buf = NULL, *nb;
	size_t len = 0, cap;
	ssize_t r;
	int fd = -1, rc = -1;

	if (err && errlen)
		err[0] = '\0';
	if (out)
		memset(out, 0, sizeof *out);
	if (!path || !out) {
		fail(&c, NULL, "参数为空");
		goto out;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		open_fail(&c, errno);
		goto out;
	}
	if (fstat(fd, &st) != 0) {
		open_fail(&c, errno);
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		fail(&c, NULL, "不是普通文件");
		goto out;
	}
	if ((unsigned long long)st.st_size > MAX_FILE_BYTES) {
		fail(&c, NULL, "文件过大(最多 %zu 字节)", MAX_FILE_BYTES);
		goto out;
	}
	cap = (size_t)st.st_size + 1;
	buf = malloc(cap);
	if (!buf) {
		fail(&c, NULL, "内存不足");
		goto out;
	}
	for (;;) {
		if (len == cap) { /* the file grew while we read it */
			if (cap > MAX_FILE_BYTES) {
				fail(&c, NULL, "文件过大(最多 %zu 字节)", MAX_FILE_BYTES);
				goto out;
			}
			cap = cap * 2 > MAX_FILE_BYTES + 1 ? MAX_FILE_BYTES + 1 : cap * 2;
			nb = realloc(buf, cap);
			if (!nb) {
				fail(&c, NULL, "内存不足");
				goto out;
			}
			buf = nb;
		}
		r = read(fd, buf + len, cap - len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			open_fail(&c, errno);
			goto out;
		}
		if (r == 0)
			break;
		len += (size_t)r;
	}
	rc = policy_parse(buf, len, path, out, err, errlen);
out:
	free(buf);
	if (fd >= 0)
		close(fd);
	return rc;
}

void policy_free(struct policy *p)
{
	if (!p)
		return;
	json_decref(p->raw);
	memset(p, 0, sizeof *p);
}

const char *policy_rule_clause(const struct policy *p, const char *code)
{
	json_t *r;

	if (!p || !p->raw || !code)
		return NULL;
	r = json_object_get(json_object_get(p->raw, "rules"), code);
	return json_string_value(json_object_get(r, "clause"));
}

int policy_sv_weight(const struct policy *p, const char *id)
{
	json_t *items = json_object_get(json_object_get(json_object_get(json_object_get(
		p->raw, "rules"), "SV_WEIGHTS"), "params"), "items");
	json_t *w = id ? json_object_get(items, id) : NULL;

	return w ? (int)json_integer_value(w) : p->sv_weight_default;
}

int policy_band_of(const struct policy *p, int grade)
{
	if (!p || grade < 1 || grade > POLICY_MAX_GRADE || p->nbands == 0)
		return -1;
	return p->band_of_grade[grade];
}
