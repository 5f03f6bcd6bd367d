/* test_policy.c - unit tests for src/policy/policy.c.
 *
 * Run from the repository root: the tests load policy/xinrong-2021.json by
 * relative path. Most tests take the real pack, change one field in memory
 * (jansson), dump it and parse it again, so there is one pack to maintain.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "policy/policy.h"

#define PACK "policy/xinrong-2021.json"

/* ---- helpers ---- */

/* Follow "a.b[2].c" through objects and arrays. */
static json_t *at(json_t *root, const char *path)
{
	char buf[256], *tok, *save = NULL, *br;
	json_t *cur = root;

	snprintf(buf, sizeof buf, "%s", path);
	for (tok = strtok_r(buf, ".", &save); tok && cur; tok = strtok_r(NULL, ".", &save)) {
		br = strchr(tok, '[');
		if (br)
			*br = '\0';
		if (tok[0])
			cur = json_object_get(cur, tok);
		while (br && cur) {
			char *end;
			long i = strtol(br + 1, &end, 10);

			cur = json_array_get(cur, (size_t)i);
			br = strchr(end, '[');
		}
	}
	assert_non_null(cur);
	return cur;
}

/* Split "a.b[2].c" into parent "a.b[2]" and last step "c" (or index 2). */
static json_t *parent_of(json_t *root, const char *path, char *last, size_t n,
			 long *idx)
{
	char buf[256];
	char *dot, *br;

	snprintf(buf, sizeof buf, "%s", path);
	*idx = -1;
	br = strrchr(buf, '[');
	dot = strrchr(buf, '.');
	if (buf[strlen(buf) - 1] == ']' && (!dot || br > dot)) {
		*idx = strtol(br + 1, NULL, 10);
		*br = '\0';
		last[0] = '\0';
		return buf[0] ? at(root, buf) : root;
	}
	if (!dot) {
		snprintf(last, n, "%s", buf);
		return root;
	}
	*dot = '\0';
	snprintf(last, n, "%s", dot + 1);
	return at(root, buf);
}

/* Set (steals val) or, with val NULL, delete the field at path. */
static void set(json_t *root, const char *path, json_t *val)
{
	char last[256];
	long idx;
	json_t *parent = parent_of(root, path, last, sizeof last, &idx);

	if (idx >= 0) {
		if (val)
			assert_int_equal(json_array_set_new(parent, (size_t)idx, val), 0);
		else
			assert_int_equal(json_array_remove(parent, (size_t)idx), 0);
	} else {
		if (val)
			assert_int_equal(json_object_set_new(parent, last, val), 0);
		else
			assert_int_equal(json_object_del(parent, last), 0);
	}
}

static json_t *pack(void **state)
{
	return json_deep_copy((json_t *)*state);
}

/* Dump j (consumed) and parse it under the real pack's name. */
static int reparse(json_t *j, struct policy *p, char *err, size_t n)
{
	char *s = json_dumps(j, JSON_INDENT(1));
	int rc;

	assert_non_null(s);
	rc = policy_parse(s, strlen(s), PACK, p, err, n);
	free(s);
	json_decref(j);
	return rc;
}

static void accepted(json_t *j)
{
	struct policy p;
	char err[512];
	int rc = reparse(j, &p, err, sizeof err);

	if (rc != 0)
		print_message("unexpected refusal: %s\n", err);
	assert_int_equal(rc, 0);
	policy_free(&p);
}

/* Refused, the message starts with the pack name and holds both needles. */
static void refused(json_t *j, const char *needle, const char *needle2)
{
	struct policy p;
	char err[512];
	int rc;

	memset(&p, 0x5a, sizeof p);
	rc = reparse(j, &p, err, sizeof err);
	if (rc == 0)
		policy_free(&p);
	assert_int_equal(rc, -1);
	if (strncmp(err, PACK ": ", strlen(PACK) + 2) != 0 || !strstr(err, needle) ||
	    (needle2 && !strstr(err, needle2)))
		print_message("message was: %s\n", err);
	assert_true(strncmp(err, PACK ": ", strlen(PACK) + 2) == 0);
	assert_non_null(strstr(err, needle));
	if (needle2)
		assert_non_null(strstr(err, needle2));
	assert_null(p.raw); /* left empty */
	assert_int_equal(p.n_c, 0);
}

static int load_base(void **state)
{
	json_error_t e;
	json_t *j = json_load_file(PACK, 0, &e);

	if (!j) {
		fprintf(stderr, "%s: %s (run from the repository root)\n", PACK, e.text);
		return -1;
	}
	*state = j;
	return 0;
}

static int free_base(void **state)
{
	json_decref((json_t *)*state);
	return 0;
}

static void load_real(struct policy *p)
{
	char err[512];
	int rc = policy_load_file(PACK, p, err, sizeof err);

	if (rc)
		print_message("%s\n", err);
	assert_int_equal(rc, 0);
}

/* ---- the real Xinrong pack ---- */

static void test_real_pack_loads_6_30_85(void **state)
{
	struct policy p;

	(void)state;
	load_real(&p);
	assert_int_equal(p.n_a, 6);
	assert_int_equal(p.n_b, 30);
	assert_int_equal(p.n_c, 85);
	assert_string_equal(p.id, "xinrong-2021");
	assert_string_equal(p.district, "大同市新荣区");
	assert_string_equal(p.timezone, "Asia/Shanghai");
	assert_int_equal(p.utc_offset_minutes, 480);
	assert_non_null(strstr(p.title, "减轻"));
	assert_non_null(p.raw);
	policy_free(&p);
}

static void test_grade_bands_1_2_3to6_7to9(void **state)
{
	struct policy p;

	(void)state;
	load_real(&p);
	assert_int_equal(p.nbands, 3);
	assert_string_equal(p.bands[0].id, "lower_primary");
	assert_int_equal(p.bands[1].grade_lo, 3);
	assert_int_equal(p.bands[1].grade_hi, 6);
	assert_int_equal(policy_band_of(&p, 1), 0);
	assert_int_equal(policy_band_of(&p, 2), 0);
	assert_int_equal(policy_band_of(&p, 6), 1);
	assert_int_equal(policy_band_of(&p, 7), 2);
	assert_int_equal(policy_band_of(&p, 9), 2);
	assert_int_equal(policy_band_of(&p, 0), -1);
	assert_int_equal(policy_band_of(&p, 10), -1);
	assert_int_equal(policy_band_of(NULL, 3), -1);
	policy_free(&p);
}

/* HW_DAILY_LIMIT: 五(二)2, B10.2 - 60 minutes for grades 3-6. */
static void test_hw_daily_limit_upper_primary_60(void **state)
{
	struct policy p;
	int g;

	(void)state;
	load_real(&p);
	for (g = 3; g <= 6; g++)
		assert_int_equal(p.hw_limit[POLICY_DAY_SCHOOL][g], 60);
	policy_free(&p);
}

/* HW_DAILY_LIMIT: 90 minutes for grades 7-9. */
static void test_hw_daily_limit_junior_90(void **state)
{
	struct policy p;
	int g;

	(void)state;
	load_real(&p);
	for (g = 7; g <= 9; g++)
		assert_int_equal(p.hw_limit[POLICY_DAY_SCHOOL][g], 90);
	policy_free(&p);
}

/* HW_WRITTEN_G12: grades 1-2 get no written homework, on any kind of day. */
static void test_hw_written_g12_grades_1_2_zero(void **state)
{
	struct policy p;
	int d;

	(void)state;
	load_real(&p);
	assert_true(p.hw_written_forbidden[1]);
	assert_true(p.hw_written_forbidden[2]);
	assert_false(p.hw_written_forbidden[3]);
	for (d = 0; d < POLICY_DAY_KINDS; d++) {
		assert_int_equal(p.hw_limit[d][1], 0);
		assert_int_equal(p.hw_limit[d][2], 0);
	}
	policy_free(&p);
}

/* HW_OFFDAY_LIMIT (district setting): weekend/holiday 60/90, vacation 45/60. */
static void test_hw_offday_limit_district_values(void **state)
{
	struct policy p;

	(void)state;
	load_real(&p);
	assert_int_equal(p.hw_limit[POLICY_DAY_WEEKEND][4], 60);
	assert_int_equal(p.hw_limit[POLICY_DAY_WEEKEND][8], 90);
	assert_int_equal(p.hw_limit[POLICY_DAY_HOLIDAY][5], 60);
	assert_int_equal(p.hw_limit[POLICY_DAY_HOLIDAY][9], 90);
	assert_int_equal(p.hw_limit[POLICY_DAY_VACATION][3], 45);
	assert_int_equal(p.hw_limit[POLICY_DAY_VACATION][7], 60);
	policy_free(&p);
}

/* AS_END_TIME: not before 17:30 = 1050 minutes after midnight. */
static void test_as_end_time_1730_is_1050(void **state)
{
	struct policy p;

	(void)state;
	load_real(&p);
	assert_int_equal(p.as_end_not_before_min, 1050);
	policy_free(&p);
}

/* The other numbers of the plan: AS_FIVE_DAYS, AS_WEEKEND, AS_EVENING_JUNIOR,
 * AS_HANDOVER, EX_*, MG_*, HW_NONCOMPLETION, HW_REPORTED_AVERAGE, keywords. */
static void test_rule_numbers_from_plan(void **state)
{
	struct policy p;
	int g, i;
	bool found;

	(void)state;
	load_real(&p);
	assert_int_equal(p.as_min_days_per_week, 5);
	assert_int_equal(p.as_max_weekend_days, 1);
	assert_int_equal(p.as_handover_alert_min, 15);
	assert_int_equal(p.hw_noncompletion_count, 3);
	assert_int_equal(p.hw_noncompletion_window_days, 10);
	assert_int_equal(p.hw_report_min_families, 5);
	assert_int_equal(p.ex_finals_per_term, 1);
	for (g = 1; g <= 9; g++) {
		assert_int_equal(p.as_evening_allowed[g], g >= 7);
		assert_int_equal(p.ex_paper_forbidden[g], g <= 2);
		assert_int_equal(p.ex_midterms_per_term[g], g >= 7 ? 1 : 0);
	}
	assert_int_equal(p.sleep_hours_primary, 10);
	assert_int_equal(p.sleep_hours_junior, 9);
	assert_int_equal(p.sleep_hours_senior, 8);
	assert_int_equal(p.sleep_hours_floor, 9);
	assert_int_equal(p.pe_daily_minutes, 60);
	assert_int_equal(p.eye_exercises_per_day, 2);
	assert_int_equal(p.vision_screenings_per_term, 2);
	assert_true(p.hw_parent_nkeywords >= 9);
	assert_true(p.as_new_lesson_nkeywords >= 4);
	found = false;
	for (i = 0; i < p.hw_parent_nkeywords; i++)
		found = found || strcmp(p.hw_parent_keywords[i], "家长签字") == 0;
	assert_true(found);
	found = false;
	for (i = 0; i < p.as_new_lesson_nkeywords; i++)
		found = found || strcmp(p.as_new_lesson_keywords[i], "讲授新课") == 0;
	assert_true(found);
	policy_free(&p);
}

/* TI_PENALTY: the ladder keeps the order of 五(一)2. */
static void test_ti_penalty_ladder_order(void **state)
{
	json_t *ladder = at((json_t *)*state, "rules.TI_PENALTY.params.ladder");

	assert_int_equal(json_array_size(ladder), 6);
	assert_string_equal(json_string_value(json_array_get(ladder, 0)), "责令限期改正");
	assert_string_equal(json_string_value(json_array_get(ladder, 5)), "罚款");
}

static void test_rule_clause(void **state)
{
	struct policy p, zero;

	(void)state;
	load_real(&p);
	assert_string_equal(policy_rule_clause(&p, "HW_DAILY_LIMIT"), "五(二)2; B10.2");
	assert_non_null(policy_rule_clause(&p, "TE_PAID_TUTORING"));
	assert_null(policy_rule_clause(&p, "NO_SUCH_RULE"));
	assert_null(policy_rule_clause(&p, NULL));
	memset(&zero, 0, sizeof zero);
	assert_null(policy_rule_clause(&zero, "HW_DAILY_LIMIT"));
	policy_free(&p);
}

/* District settings are flagged; numbers printed in the seed are not. */
static void test_district_setting_flags(void **state)
{
	json_t *j = (json_t *)*state;

	assert_true(json_is_true(at(j, "rules.HW_OFFDAY_LIMIT.district_setting")));
	assert_true(json_is_true(at(j, "rules.AS_END_TIME.district_setting")));
	assert_true(json_is_true(at(j, "rules.HW_NONCOMPLETION.district_setting")));
	assert_true(json_is_true(at(j, "rules.HW_REPORTED_AVERAGE.district_setting")));
	assert_true(json_is_true(at(j, "rules.AS_HANDOVER.district_setting")));
	assert_true(json_is_false(at(j, "rules.HW_DAILY_LIMIT.district_setting")));
	assert_true(json_is_false(at(j, "rules.MG_SLEEP.district_setting")));
}

/* The seven misprints first listed and the seven DOMAIN.md added. */
static void test_errata_all_fourteen(void **state)
{
	static const char *const want[14][3] = {
		{"B11", "题高", "提高"},
		{"B4.3", "想象", "现象"},
		{"五(一)2", "子以", "予以"},
		{"五(四)4", "其中考试", "期中考试"},
		{"B24.1", "部分重点班、快慢班", "不分重点班、快慢班"},
		{"B4.1", "学位中心", "学为中心"},
		{"B15.1", "指定", "制定"},
		{"B3.2", "有效开放和实施地方课程", "有效开发和实施地方课程"},
		{"B29.1", "自我调试心理", "自我调适心理"},
		{"B21.1", "提高丰富的课后活动", "提供丰富的课后活动"},
		{"B1.2", "党风廉政建设制", "党风廉政建设责任制"},
		{"五(四)3", "品味化", "品位化"},
		{"五(二)3", "做到有“有留必查", "做到“有留必查"},
		{"一", "构建教育良好教育环境", "构建良好教育环境"},
	};
	json_t *errata = at((json_t *)*state, "errata"), *e;
	size_t i, k;
	bool found;

	assert_int_equal(json_array_size(errata), 14);
	for (k = 0; k < 14; k++) {
		found = false;
		json_array_foreach(errata, i, e) {
			if (strcmp(json_string_value(json_object_get(e, "where")), want[k][0]) == 0 &&
			    strcmp(json_string_value(json_object_get(e, "published")), want[k][1]) == 0 &&
			    strcmp(json_string_value(json_object_get(e, "reading")), want[k][2]) == 0)
				found = true;
		}
		assert_true(found);
	}
}

/* B4.1: published 学位中心, read as 学为中心. */
static void test_b4_1_corrected_reading(void **state)
{
	json_t *c = at((json_t *)*state, "indicators[1].b[1].c[0]");

	assert_string_equal(json_string_value(json_object_get(c, "id")), "B4.1");
	assert_non_null(strstr(json_string_value(json_object_get(c, "text")), "学位中心"));
	assert_non_null(strstr(json_string_value(json_object_get(c, "corrected")), "学为中心"));
	assert_null(strstr(json_string_value(json_object_get(c, "corrected")), "学位中心"));
}

/* B11: the title 题高作业设计质量 reads 提高作业设计质量. */
static void test_b11_corrected_title(void **state)
{
	json_t *b = at((json_t *)*state, "indicators[2].b[3]");

	assert_string_equal(json_string_value(json_object_get(b, "id")), "B11");
	assert_string_equal(json_string_value(json_object_get(b, "title")), "题高作业设计质量");
	assert_string_equal(json_string_value(json_object_get(b, "corrected_title")),
			    "提高作业设计质量");
}

static void test_other_corrected_items(void **state)
{
	json_t *j = (json_t *)*state;

	assert_non_null(strstr(json_string_value(at(j, "indicators[1].b[1].c[2].corrected")),
			       "的现象"));
	assert_non_null(strstr(json_string_value(at(j, "indicators[3].b[1].c[0].corrected")),
			       "学校要制定课后服务实施方案"));
	assert_non_null(strstr(json_string_value(at(j, "indicators[5].b[1].c[0].corrected")),
			       "不分重点班、快慢班"));
	assert_true(json_is_null(at(j, "indicators[0].b[0].c[0].corrected")));
}

/* A1: B1-B2, A2: B3-B7, A3: B8-B13, A4: B14-B19, A5: B20-B22, A6: B23-B30. */
static void test_indicator_a_to_b_mapping(void **state)
{
	static const int nb[6] = {2, 5, 6, 6, 3, 8};
	static const int nc[30] = {3, 3, 2, 3, 3, 3, 4, 2, 4, 2, 3, 3, 2, 4, 3,
				   1, 2, 4, 3, 3, 4, 3, 2, 2, 2, 3, 2, 4, 4, 2};
	json_t *inds = at((json_t *)*state, "indicators"), *a, *b;
	size_t i, j;
	int bi = 0;

	json_array_foreach(inds, i, a) {
		assert_int_equal(json_array_size(json_object_get(a, "b")), nb[i]);
		json_array_foreach(json_object_get(a, "b"), j, b) {
			assert_int_equal(json_array_size(json_object_get(b, "c")), nc[bi]);
			bi++;
		}
	}
	assert_int_equal(bi, 30);
	assert_string_equal(json_string_value(at(inds, "[2].title")),
			    "提高作业质量,控制作业总量");
	assert_string_equal(json_string_value(at(inds, "[5].b[7].id")), "B30");
}

/* B10.2 is judged from records and cites HW_DAILY_LIMIT; B1.1 is not. */
static void test_computable_items_cite_rules(void **state)
{
	json_t *j = (json_t *)*state;
	json_t *c = at(j, "indicators[2].b[2].c[1]");

	assert_string_equal(json_string_value(json_object_get(c, "id")), "B10.2");
	assert_true(json_is_true(json_object_get(c, "computable")));
	assert_string_equal(json_string_value(json_array_get(json_object_get(c, "rules"), 0)),
			    "HW_DAILY_LIMIT");
	assert_true(json_is_true(at(j, "indicators[2].b[4].c[2].computable"))); /* B12.3 */
	assert_true(json_is_true(at(j, "indicators[4].b[2].c[2].computable"))); /* B22.3 */
	assert_true(json_is_false(at(j, "indicators[0].b[0].c[0].computable")));
}

/* AS_COVERAGE: the allowed gap is the pack's, 0-600 minutes. */
static void test_as_coverage_gap(void **state)
{
	json_t *j = pack(state);
	struct policy p;
	char err[512];

	assert_int_equal(reparse(j, &p, err, sizeof err), 0);
	assert_int_equal(p.as_max_gap_min, 15);
	policy_free(&p);
	j = pack(state);
	set(j, "rules.AS_COVERAGE.params.max_gap_minutes", json_integer(601));
	refused(j, "rules.AS_COVERAGE.params.max_gap_minutes", "0 到 600");
	j = pack(state);
	set(j, "rules.AS_COVERAGE", NULL);
	refused(j, "rules.AS_COVERAGE", "缺少此规则");
}

/* HW_SUBJECT_GRADE and HW_OPTIONAL: the pack's tables, checked. */
static void test_subject_grade_and_optional(void **state)
{
	json_t *j = pack(state);
	struct policy p;
	char err[512];

	assert_int_equal(reparse(j, &p, err, sizeof err), 0);
	assert_int_equal(p.hw_nsubjects, 20);
	assert_false(p.hw_count_optional);
	assert_int_equal(p.hw_optional_limit[2], 0);
	assert_int_equal(p.hw_optional_limit[6], 20);
	assert_int_equal(p.hw_optional_limit[7], 30);
	policy_free(&p);
	j = pack(state);
	set(j, "rules.HW_SUBJECT_GRADE.params.grades.物理", json_pack("[i,i]", 8, 7));
	refused(j, "rules.HW_SUBJECT_GRADE.params.grades.物理[1]", "8 到 9");
	j = pack(state);
	set(j, "rules.HW_SUBJECT_GRADE.params.grades.物理", json_pack("[i]", 8));
	refused(j, "rules.HW_SUBJECT_GRADE.params.grades.物理", "应有 2 到 2 项");
	j = pack(state);
	set(j, "rules.HW_SUBJECT_GRADE.params.grades", json_object());
	refused(j, "rules.HW_SUBJECT_GRADE.params.grades", "1 到 32 门");
	j = pack(state);
	set(j, "rules.HW_OPTIONAL.params.count_optional", json_integer(1));
	refused(j, "rules.HW_OPTIONAL.params.count_optional", "布尔");
	j = pack(state);
	set(j, "rules.HW_OPTIONAL.params.minutes.lower_primary", json_integer(10));
	refused(j, "rules.HW_OPTIONAL.params.minutes.lower_primary", "只能为 0");
	j = pack(state);
	set(j, "rules.HW_OPTIONAL.params.minutes.junior", NULL);
	refused(j, "rules.HW_OPTIONAL.params.minutes", "junior");
}

/* A computable item names the records it is judged from; the platform keeps
 * some kinds (app_records_kept), so B22.3 (vision screening) and B13.1
 * (exams) are not judged from the system's data yet. */
static void test_computable_items_name_records(void **state)
{
	json_t *j = (json_t *)*state;

	assert_string_equal(json_string_value(at(j, "indicators[4].b[2].c[2].records[0]")),
			    "vision_screening");
	assert_string_equal(json_string_value(at(j, "indicators[2].b[5].c[0].records[0]")), "exam");
	assert_null(json_object_get(at(j, "indicators[0].b[0].c[0]"), "records"));
	j = pack(state);
	set(j, "indicators[4].b[2].c[2].records", NULL);
	refused(j, "indicators[4].b[2].c[2].records", "缺少此字段");
	j = pack(state);
	set(j, "indicators[4].b[2].c[2].records", json_pack("[s]", "tea"));
	refused(j, "indicators[4].b[2].c[2].records[0]", "未知的记录类型 tea");
	j = pack(state);
	set(j, "indicators[4].b[2].c[2].records", json_pack("[s,s]", "pe", "pe"));
	refused(j, "indicators[4].b[2].c[2].records[1]", "重复");
	j = pack(state);
	set(j, "indicators[0].b[0].c[0].records", json_pack("[s]", "pe"));
	refused(j, "indicators[0].b[0].c[0].records", "computable");
	j = pack(state);
	set(j, "indicators[4].b[2].c[2].records", json_array());
	refused(j, "indicators[4].b[2].c[2].records", "应有 1 到 8 项");
}

/* ---- ranges ---- */

/* HW_DAILY_LIMIT minutes: 0..600. */
static void test_hw_daily_limit_600_accepted(void **state)
{
	json_t *j = pack(state);

	set(j, "rules.HW_DAILY_LIMIT.params.minutes.junior", json_integer(600));
	accepted(j);
	j = pack(state);
	set(j, "rules.HW_DAILY_LIMIT.params.minutes.junior", json_integer(0));
	accepted(j);
}

static void test_hw_daily_limit_601_refused(void **state)
{
	json_t *j = pack(state);

	set(j, "rules.HW_DAILY_LIMIT.params.minutes.junior", json_integer(601));
	refused(j, "rules.HW_DAILY_LIMIT.params.minutes.junior: 应为 0 到 600 之间的整数", NULL);
}

static void test_hw_daily_limit_minus1_refused(void **state)
{
	json_t *j = pack(state);

	set(j, "rules.HW_DAILY_LIMIT.params.minutes.upper_primary", json_integer(-1));
	refused(j, "rules.HW_DAILY_LIMIT.params.minutes.upper_primary", "0 到 600");
}

static void test_hw_daily_limit_not_integer_refused(void **state)
{
	json_t *j = pack(state);

	set(j, "rules.HW_DAILY_LIMIT.params.minutes.junior", json_real(60.5));
	refused(j, "minutes.junior", "整数");
	j = pack(state);
	set(j, "rules.HW_DAILY_LIMIT.params.minutes.junior", json_string("90"));
	refused(j, "minutes.junior", "整数");
}

/* HW_WRITTEN_G12 band: HW_DAILY_LIMIT may only say 0 for it. */
static void test_hw_daily_limit_forbidden_band_nonzero_refused(void **state)
{
	json_t *j = pack(state);

	set(j, "rules.HW_DAILY_LIMIT.params.minutes.lower_primary", json_integer(30));
	refused(j, "rules.HW_DAILY_LIMIT.params.minutes.lower_primary", "HW_WRITTEN_G12");
	j = pack(state);
	set(j, "rules.HW_DAILY_LIMIT.params.minutes.lower_primary", json_integer(0));
	accepted(j);
}

/* HW_OFFDAY_LIMIT: a band without a number is refused, an unknown day kind too. */
static void test_hw_offday_limit_missing_band_refused(void **state)
{
	json_t *j = pack(state);

	set(j, "rules.HW_OFFDAY_LIMIT.params.minutes.weekend.junior", NULL);
	refused(j, "rules.HW_OFFDAY_LIMIT.params.minutes.weekend", "缺少年级段 junior");
	j = pack(state);
	set(j, "rules.HW_OFFDAY_LIMIT.params.minutes.holidays", json_object());
	refused(j, "rules.HW_OFFDAY_LIMIT.params.minutes.holidays", "未知字段");
	j = pack(state);
	set(j, "rules.HW_OFFDAY_LIMIT.params.minutes.vacation.upper_primary", json_integer(601));
	refused(j, "minutes.vacation.upper_primary", "0 到 600");
}

/* MG_SLEEP hours: 0..24. */
static void test_mg_sleep_hours_range(void **state)
{
	json_t *j = pack(state);

	set(j, "rules.MG_SLEEP.params.hours.primary", json_integer(24));
	accepted(j);
	j = pack(state);
	set(j, "rules.MG_SLEEP.params.hours.primary", json_integer(25));
	refused(j, "rules.MG_SLEEP.params.hours.primary", "0 到 24");
	j = pack(state);
	set(j, "rules.MG_SLEEP.params.floor_hours", json_integer(-1));
	refused(j, "rules.MG_SLEEP.params.floor_hours", "0 到 24");
}

/* Counts 0..100: EX_FINAL_ONCE, MG_VISION_SCREENING, MG_EYE_EXERCISES. */
static void test_counts_range(void **state)
{
	json_t *j = pack(state);

	set(j, "rules.EX_FINAL_ONCE.params.per_term", json_integer(100));
	accepted(j);
	j = pack(state);
	set(j, "rules.EX_FINAL_ONCE.params.per_term", json_integer(101));
	refused(j, "rules.EX_FINAL_ONCE.params.per_term", "0 到 100");
	j = pack(state);
	set(j, "rules.MG_VISION_SCREENING.params.per_term", json_integer(-1));
	refused(j, "rules.MG_VISION_SCREENING.params.per_term", "0 到 100");
	j = pack(state);
	set(j, "rules.MG_EYE_EXERCISES.params.per_day", json_integer(0));
	accepted(j);
}

/* HW_NONCOMPLETION: 1..100, count not above the window. */
static void test_hw_noncompletion_range(void **state)
{
	json_t *j = pack(state);

	set(j, "rules.HW_NONCOMPLETION.params.window_school_days", json_integer(101));
	refused(j, "rules.HW_NONCOMPLETION.params.window_school_days", "1 到 100");
	j = pack(state);
	set(j, "rules.HW_NONCOMPLETION.params.count", json_integer(11));
	refused(j, "rules.HW_NONCOMPLETION.params.count", "window_school_days");
}

/* AS_FIVE_DAYS 0..7, AS_WEEKEND 0..2, AS_HANDOVER 0..600 minutes,
 * AS_VENUE_CHECK 1..366 days. */
static void test_after_school_ranges(void **state)
{
	json_t *j = pack(state);

	set(j, "rules.AS_FIVE_DAYS.params.min_days_per_week", json_integer(8));
	refused(j, "rules.AS_FIVE_DAYS.params.min_days_per_week", "0 到 7");
	j = pack(state);
	set(j, "rules.AS_WEEKEND.params.max_days", json_integer(3));
	refused(j, "rules.AS_WEEKEND.params.max_days", "0 到 2");
	j = pack(state);
	set(j, "rules.AS_HANDOVER.params.alert_after_minutes", json_integer(600));
	accepted(j);
	j = pack(state);
	set(j, "rules.AS_HANDOVER.params.alert_after_minutes", json_integer(601));
	refused(j, "rules.AS_HANDOVER.params.alert_after_minutes", "0 到 600");
	j = pack(state);
	set(j, "rules.AS_VENUE_CHECK.params.max_days_since_check", json_integer(1));
	accepted(j);
	j = pack(state);
	set(j, "rules.AS_VENUE_CHECK.params.max_days_since_check", json_integer(0));
	refused(j, "rules.AS_VENUE_CHECK.params.max_days_since_check", "1 到 366");
}

static void test_utc_offset_range(void **state)
{
	json_t *j = pack(state);

	set(j, "utc_offset_minutes", json_integer(-720));
	accepted(j);
	j = pack(state);
	set(j, "utc_offset_minutes", json_integer(840));
	accepted(j);
	j = pack(state);
	set(j, "utc_offset_minutes", json_integer(841));
	refused(j, "utc_offset_minutes", "-720 到 840");
	j = pack(state);
	set(j, "utc_offset_minutes", json_integer(-721));
	refused(j, "utc_offset_minutes", "-720 到 840");
}

/* AS_END_TIME: strict "HH:MM", 00:00..23:59. "7:30" is refused: two digits. */
static void test_as_end_time_bad_values_refused(void **state)
{
	static const char *const bad[] = {"17:60", "7:30", "24:00", "1730", "17:3a",
					  "17:300", "", "17.30"};
	json_t *j;
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		j = pack(state);
		set(j, "rules.AS_END_TIME.params.not_before", json_string(bad[i]));
		refused(j, "rules.AS_END_TIME.params.not_before", "应为");
	}
	j = pack(state);
	set(j, "rules.AS_END_TIME.params.not_before", json_integer(1050));
	refused(j, "rules.AS_END_TIME.params.not_before", "字符串");
}

static void test_as_end_time_edges_accepted(void **state)
{
	struct policy p;
	char err[256];
	json_t *j = pack(state);

	set(j, "rules.AS_END_TIME.params.not_before", json_string("23:59"));
	assert_int_equal(reparse(j, &p, err, sizeof err), 0);
	assert_int_equal(p.as_end_not_before_min, 23 * 60 + 59);
	policy_free(&p);
	j = pack(state);
	set(j, "rules.AS_END_TIME.params.not_before", json_string("00:00"));
	assert_int_equal(reparse(j, &p, err, sizeof err), 0);
	assert_int_equal(p.as_end_not_before_min, 0);
	policy_free(&p);
}

/* Strings are bounded by the struct's fixed arrays. */
static void test_string_bounds(void **state)
{
	char big[600];
	json_t *j;

	memset(big, 'x', sizeof big);
	big[511] = '\0';
	j = pack(state);
	set(j, "title", json_string(big));
	accepted(j);
	big[511] = 'x';
	big[512] = '\0';
	j = pack(state);
	set(j, "title", json_string(big));
	refused(j, "title", "过长");
	j = pack(state);
	set(j, "district", json_string(""));
	refused(j, "district", "非空字符串");
}

/* HW_PARENT keywords: at most POLICY_MAX_KEYWORDS, each < 64 bytes, distinct. */
static void test_hw_parent_keywords_bounds(void **state)
{
	json_t *j, *kw;
	char buf[80];
	int i;

	j = pack(state);
	kw = json_array();
	for (i = 0; i < POLICY_MAX_KEYWORDS; i++) {
		snprintf(buf, sizeof buf, "家长%d", i);
		json_array_append_new(kw, json_string(buf));
	}
	set(j, "rules.HW_PARENT.params.keywords", json_deep_copy(kw));
	accepted(j);
	json_array_append_new(kw, json_string("家长更多"));
	j = pack(state);
	set(j, "rules.HW_PARENT.params.keywords", kw);
	refused(j, "rules.HW_PARENT.params.keywords", "1 到 32");

	memset(buf, 'k', 64);
	buf[64] = '\0';
	j = pack(state);
	set(j, "rules.AS_NO_NEW_LESSON.params.keywords[0]", json_string(buf));
	refused(j, "rules.AS_NO_NEW_LESSON.params.keywords[0]", "过长");
	j = pack(state);
	set(j, "rules.HW_PARENT.params.keywords[1]", json_string("家长签字"));
	refused(j, "rules.HW_PARENT.params.keywords[1]", "重复");
	j = pack(state);
	set(j, "rules.HW_PARENT.params.keywords", json_array());
	refused(j, "rules.HW_PARENT.params.keywords", "1 到 32");
}

/* ---- rules: typos are caught ---- */

static void test_unknown_rule_code_refused(void **state)
{
	json_t *j = pack(state);

	set(j, "rules.HW_DAILY_LIMT", json_deep_copy(at(j, "rules.HW_DAILY_LIMIT")));
	refused(j, "rules.HW_DAILY_LIMT", "未知的规则代码");
}

static void test_missing_rule_refused(void **state)
{
	json_t *j = pack(state);

	set(j, "rules.AS_END_TIME", NULL);
	refused(j, "rules.AS_END_TIME", "缺少此规则");
}

static void test_unknown_params_key_refused(void **state)
{
	json_t *j = pack(state);

	set(j, "rules.MG_PE_DAILY.params.minute", json_integer(60));
	refused(j, "rules.MG_PE_DAILY.params.minute", "未知字段");
	j = pack(state);
	set(j, "rules.TI_PRESCHOOL.params.x", json_true());
	refused(j, "rules.TI_PRESCHOOL.params.x", "未知字段");
	j = pack(state);
	set(j, "rules.MG_PE_DAILY.params.minutes", NULL);
	refused(j, "rules.MG_PE_DAILY.params.minutes", "缺少此字段");
}

static void test_unknown_top_level_key_refused(void **state)
{
	json_t *j = pack(state);

	set(j, "titel", json_string("x"));
	refused(j, "titel", "未知字段");
	j = pack(state);
	set(j, "issuer", NULL);
	refused(j, "issuer", "缺少此字段");
	j = pack(state);
	set(j, "format", json_string("shuangjian-policy/2"));
	refused(j, "format", "shuangjian-policy/1");
}

/* Every rule has a clause and a title; district_setting is a boolean. */
static void test_rule_clause_title_required(void **state)
{
	json_t *j = pack(state);

	set(j, "rules.HW_PARENT.clause", json_string(""));
	refused(j, "rules.HW_PARENT.clause", "非空字符串");
	j = pack(state);
	set(j, "rules.HW_PARENT.title", NULL);
	refused(j, "rules.HW_PARENT.title", "缺少此字段");
	j = pack(state);
	set(j, "rules.HW_PARENT.district_setting", json_string("no"));
	refused(j, "rules.HW_PARENT.district_setting", "布尔");
	j = pack(state);
	set(j, "rules.HW_PARENT.note", json_string("x"));
	refused(j, "rules.HW_PARENT.note", "未知字段");
}

/* AS_EVENING_JUNIOR / EX_MIDTERM band lists name existing bands, once. */
static void test_band_list_refs(void **state)
{
	json_t *j = pack(state);

	set(j, "rules.AS_EVENING_JUNIOR.params.bands[0]", json_string("senior"));
	refused(j, "rules.AS_EVENING_JUNIOR.params.bands[0]", "未知的年级段");
	j = pack(state);
	json_array_append_new(at(j, "rules.EX_MIDTERM.params.bands"), json_string("junior"));
	refused(j, "rules.EX_MIDTERM.params.bands[1]", "重复");
}

/* ---- grade bands ---- */

static void test_grade_covered_twice_refused(void **state)
{
	json_t *j = pack(state);

	json_array_append_new(at(j, "grade_bands[2].grades"), json_integer(1));
	refused(j, "grade_bands[2].grades[3]", "年级 1 已属于年级段 lower_primary");
}

static void test_grade_not_covered_refused(void **state)
{
	json_t *j = pack(state);

	set(j, "grade_bands[2].grades[2]", NULL); /* drop grade 9 */
	refused(j, "grade_bands", "年级 9 不属于任何年级段");
}

static void test_grade_band_shape_refused(void **state)
{
	json_t *j = pack(state);

	set(j, "grade_bands[1].grades[1]", json_integer(5)); /* 3,5,5,6 */
	refused(j, "grade_bands[1].grades[1]", "连续");
	j = pack(state);
	set(j, "grade_bands[0].grades[0]", json_integer(10));
	refused(j, "grade_bands[0].grades[0]", "1 到 9");
	j = pack(state);
	set(j, "grade_bands[1].id", json_string("lower_primary"));
	refused(j, "grade_bands[1].id", "重复");
	j = pack(state);
	set(j, "grade_bands[1].id", json_string("Upper Primary"));
	refused(j, "grade_bands[1].id", "小写字母");
}

/* ---- syntax ---- */

static void test_malformed_json_names_line(void **state)
{
	static const char text[] = "{\n  \"format\": \"shuangjian-policy/1\",\n  \"id\": ,\n}\n";
	struct policy p;
	char err[512];

	(void)state;
	assert_int_equal(policy_parse(text, strlen(text), "bad.json", &p, err, sizeof err), -1);
	assert_true(strncmp(err, "bad.json: 第 3 行", strlen("bad.json: 第 3 行")) == 0);
	assert_non_null(strstr(err, "列"));
	assert_non_null(strstr(err, "JSON 语法错误"));
	assert_null(p.raw);
}

static void test_truncated_pack_refused(void **state)
{
	struct policy p;
	char err[512];
	char *s = json_dumps((json_t *)*state, JSON_INDENT(2));
	size_t n;

	assert_non_null(s);
	n = strlen(s) / 2;
	assert_int_equal(policy_parse(s, n, PACK, &p, err, sizeof err), -1);
	assert_non_null(strstr(err, "JSON 语法错误"));
	assert_non_null(strstr(err, " 行"));
	/* cut inside a multi-byte character as well */
	assert_int_equal(policy_parse(s, strlen(s) - 2, PACK, &p, err, sizeof err), -1);
	free(s);
}

static void test_duplicate_json_key_refused(void **state)
{
	static const char text[] = "{\"format\": \"shuangjian-policy/1\", \"format\": \"x\"}";
	struct policy p;
	char err[512];

	(void)state;
	assert_int_equal(policy_parse(text, strlen(text), "dup.json", &p, err, sizeof err), -1);
	assert_non_null(strstr(err, "dup.json: 第 1 行"));
}

static void test_empty_and_non_object_refused(void **state)
{
	struct policy p;
	char err[256];

	(void)state;
	assert_int_equal(policy_parse(NULL, 0, "e.json", &p, err, sizeof err), -1);
	assert_non_null(strstr(err, "e.json: "));
	assert_int_equal(policy_parse("[]", 2, "a.json", &p, err, sizeof err), -1);
	assert_non_null(strstr(err, "a.json: "));
	assert_non_null(strstr(err, "对象"));
	/* a tiny error buffer is truncated, not overrun, and stays valid UTF-8 */
	assert_int_equal(policy_parse("[]", 2, "a.json", &p, err, 14), -1);
	assert_true(strlen(err) < 14);
	assert_int_equal(policy_parse("[]", 2, "a.json", &p, NULL, 0), -1);
}

/* ---- the indicator table ---- */

static void test_duplicate_c_id_refused(void **state)
{
	json_t *j = pack(state);

	set(j, "indicators[2].b[0].c[1].id", json_string("B8.1"));
	refused(j, "indicators[2].b[0].c[1].id", "编号 B8.1 重复");
}

static void test_c_id_out_of_order_refused(void **state)
{
	json_t *j = pack(state);

	set(j, "indicators[0].b[0].c[2].id", json_string("B1.4"));
	refused(j, "indicators[0].b[0].c[2].id", "编号应为 B1.3");
	j = pack(state);
	set(j, "indicators[0].b[0].c[2].id", json_string("b1.3"));
	refused(j, "indicators[0].b[0].c[2].id", "编号应为 B1.3");
}

static void test_b_and_a_numbering_refused(void **state)
{
	json_t *j = pack(state);

	set(j, "indicators[1].b[0].id", json_string("B4"));
	refused(j, "indicators[1].b[0].id", "编号应为 B3");
	j = pack(state);
	set(j, "indicators[1].b[1].id", json_string("B3"));
	refused(j, "indicators[1].b[1].id", "重复");
	j = pack(state);
	set(j, "indicators[3].id", json_string("A5"));
	refused(j, "indicators[3].id", "编号应为 A4");
	j = pack(state);
	set(j, "indicators[4].b", json_array());
	refused(j, "indicators[4].b", "应有 1 到");
}

static void test_indicator_rule_must_exist(void **state)
{
	json_t *j = pack(state);

	json_array_append_new(at(j, "indicators[2].b[2].c[1].rules"),
			      json_string("HW_DAILY_LIMITS"));
	refused(j, "indicators[2].b[2].c[1].rules[2]", "规则 HW_DAILY_LIMITS 不存在");
}

static void test_indicator_fields_checked(void **state)
{
	json_t *j = pack(state);

	set(j, "indicators[0].b[0].c[0].computable", json_integer(1));
	refused(j, "indicators[0].b[0].c[0].computable", "布尔");
	j = pack(state);
	set(j, "indicators[0].b[0].c[0].corected", json_null());
	refused(j, "indicators[0].b[0].c[0].corected", "未知字段");
	j = pack(state);
	set(j, "indicators[0].b[0].c[0].text", json_string(""));
	refused(j, "indicators[0].b[0].c[0].text", "非空字符串");
	j = pack(state);
	set(j, "indicators[0].b[0].c[0].corrected", NULL);
	refused(j, "indicators[0].b[0].c[0].corrected", "缺少此字段");
}

/* "corrected" must be the text with the errata applied, and only then. */
static void test_corrected_matches_errata(void **state)
{
	json_t *j = pack(state);

	set(j, "indicators[1].b[1].c[0].corrected", json_string("随便改的"));
	refused(j, "indicators[1].b[1].c[0].corrected", "不一致");
	j = pack(state);
	set(j, "indicators[1].b[1].c[0].corrected", json_null());
	refused(j, "indicators[1].b[1].c[0].corrected", "B4.1");
	j = pack(state);
	set(j, "indicators[0].b[0].c[0].corrected", json_string("没有勘误"));
	refused(j, "indicators[0].b[0].c[0].corrected", "没有 B1.1 的勘误");
	j = pack(state);
	set(j, "indicators[2].b[3].corrected_title", NULL);
	refused(j, "indicators[2].b[3].corrected_title", "B11");
	j = pack(state);
	set(j, "errata[6].published", json_string("不存在的字"));
	refused(j, "errata[6].published", "原文中没有");
}

/* Errata that keep growing the text are stopped, not followed into OOM. */
static void test_errata_growth_bounded(void **state)
{
	char reading[256];
	json_t *j = pack(state), *errata = at(j, "errata"), *e;
	int i;

	memset(reading, 'a', 200);
	reading[200] = '\0';
	for (i = 0; i < 20; i++) {
		e = json_object();
		json_object_set_new(e, "where", json_string("B1.1"));
		json_object_set_new(e, "published", json_string("a"));
		json_object_set_new(e, "reading", json_string(reading));
		json_array_append_new(errata, e);
	}
	e = json_object();
	json_object_set_new(e, "where", json_string("B1.1"));
	json_object_set_new(e, "published", json_string("党"));
	json_object_set_new(e, "reading", json_string("a"));
	json_array_insert_new(errata, 0, e);
	set(j, "indicators[0].b[0].c[0].corrected", json_string("x"));
	refused(j, "indicators[0].b[0].c[0].corrected", "过长");
}

/* Another district may have another table: nothing counts 6/30/85 in code,
 * but errata must point at indicators that exist. */
static void test_smaller_table_accepted(void **state)
{
	struct policy p;
	char err[512];
	json_t *j = pack(state);

	set(j, "indicators[5]", NULL); /* drop A6 (B23-B30) */
	refused(j, "errata[4].where", "指标 B24.1 不存在");

	j = pack(state);
	set(j, "indicators[5]", NULL);
	set(j, "errata[8]", NULL); /* B29.1 */
	set(j, "errata[4]", NULL); /* B24.1 */
	assert_int_equal(reparse(j, &p, err, sizeof err), 0);
	assert_int_equal(p.n_a, 5);
	assert_int_equal(p.n_b, 22);
	assert_int_equal(p.n_c, 85 - 21);
	policy_free(&p);
}

/* ---- files and lifetime ---- */

static void test_file_missing_refused(void **state)
{
	struct policy p;
	char err[256];

	(void)state;
	assert_int_equal(policy_load_file("policy/no-such-pack.json", &p, err, sizeof err), -1);
	assert_string_equal(err, "policy/no-such-pack.json: 文件不存在");
	assert_null(p.raw);
	assert_int_equal(policy_load_file("policy", &p, err, sizeof err), -1);
	assert_non_null(strstr(err, "policy: "));
}

static void test_free_is_safe(void **state)
{
	struct policy p;

	(void)state;
	memset(&p, 0, sizeof p);
	policy_free(&p);
	policy_free(NULL);
	load_real(&p);
	policy_free(&p);
	policy_free(&p); /* twice: the first left it zeroed */
	assert_null(p.raw);
}

/* The parser keeps no state: two packs live side by side. */
static void test_two_packs_independent(void **state)
{
	struct policy a, b;
	char err[256];
	json_t *j = pack(state);

	set(j, "rules.HW_DAILY_LIMIT.params.minutes.junior", json_integer(80));
	load_real(&a);
	assert_int_equal(reparse(j, &b, err, sizeof err), 0);
	assert_int_equal(a.hw_limit[POLICY_DAY_SCHOOL][8], 90);
	assert_int_equal(b.hw_limit[POLICY_DAY_SCHOOL][8], 80);
	policy_free(&a);
	policy_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_real_pack_loads_6_30_85),
		cmocka_unit_test(test_grade_bands_1_2_3to6_7to9),
		cmocka_unit_test(test_hw_daily_limit_upper_primary_60),
		cmocka_unit_test(test_hw_daily_limit_junior_90),
		cmocka_unit_test(test_hw_written_g12_grades_1_2_zero),
		cmocka_unit_test(test_hw_offday_limit_district_values),
		cmocka_unit_test(test_as_end_time_1730_is_1050),
		cmocka_unit_test(test_rule_numbers_from_plan),
		cmocka_unit_test(test_ti_penalty_ladder_order),
		cmocka_unit_test(test_rule_clause),
		cmocka_unit_test(test_district_setting_flags),
		cmocka_unit_test(test_errata_all_fourteen),
		cmocka_unit_test(test_b4_1_corrected_reading),
		cmocka_unit_test(test_b11_corrected_title),
		cmocka_unit_test(test_other_corrected_items),
		cmocka_unit_test(test_indicator_a_to_b_mapping),
		cmocka_unit_test(test_computable_items_cite_rules),
		cmocka_unit_test(test_computable_items_name_records),
		cmocka_unit_test(test_as_coverage_gap),
		cmocka_unit_test(test_subject_grade_and_optional),
		cmocka_unit_test(test_hw_daily_limit_600_accepted),
		cmocka_unit_test(test_hw_daily_limit_601_refused),
		cmocka_unit_test(test_hw_daily_limit_minus1_refused),
		cmocka_unit_test(test_hw_daily_limit_not_integer_refused),
		cmocka_unit_test(test_hw_daily_limit_forbidden_band_nonzero_refused),
		cmocka_unit_test(test_hw_offday_limit_missing_band_refused),
		cmocka_unit_test(test_mg_sleep_hours_range),
		cmocka_unit_test(test_counts_range),
		cmocka_unit_test(test_hw_noncompletion_range),
		cmocka_unit_test(test_after_school_ranges),
		cmocka_unit_test(test_utc_offset_range),
		cmocka_unit_test(test_as_end_time_bad_values_refused),
		cmocka_unit_test(test_as_end_time_edges_accepted),
		cmocka_unit_test(test_string_bounds),
		cmocka_unit_test(test_hw_parent_keywords_bounds),
		cmocka_unit_test(test_unknown_rule_code_refused),
		cmocka_unit_test(test_missing_rule_refused),
		cmocka_unit_test(test_unknown_params_key_refused),
		cmocka_unit_test(test_unknown_top_level_key_refused),
		cmocka_unit_test(test_rule_clause_title_required),
		cmocka_unit_test(test_band_list_refs),
		cmocka_unit_test(test_grade_covered_twice_refused),
		cmocka_unit_test(test_grade_not_covered_refused),
		cmocka_unit_test(test_grade_band_shape_refused),
		cmocka_unit_test(test_malformed_json_names_line),
		cmocka_unit_test(test_truncated_pack_refused),
		cmocka_unit_test(test_duplicate_json_key_refused),
		cmocka_unit_test(test_empty_and_non_object_refused),
		cmocka_unit_test(test_duplicate_c_id_refused),
		cmocka_unit_test(test_c_id_out_of_order_refused),
		cmocka_unit_test(test_b_and_a_numbering_refused),
		cmocka_unit_test(test_indicator_rule_must_exist),
		cmocka_unit_test(test_indicator_fields_checked),
		cmocka_unit_test(test_corrected_matches_errata),
		cmocka_unit_test(test_errata_growth_bounded),
		cmocka_unit_test(test_smaller_table_accepted),
		cmocka_unit_test(test_file_missing_refused),
		cmocka_unit_test(test_free_is_safe),
		cmocka_unit_test(test_two_packs_independent),
	};

	return cmocka_run_group_tests(tests, load_base, free_base);
}
