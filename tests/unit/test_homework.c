/* test_homework.c - the homework rules (core/homework.h) on both sides of
 * each number, with the district's pack (policy/xinrong-2021.json) and with
 * another district's numbers, so no limit is a constant in the code.
 * Run from the repository root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/homework.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PACK "policy/xinrong-2021.json"

static struct policy P;

static int setup(void **state)
{
	char err[512];

	(void)state;
	if (policy_load_file(PACK, &P, err, sizeof err) != 0) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	policy_free(&P);
	return 0;
}

static const char *check(int grade, enum hw_kind kind, enum hw_tier tier, int minutes,
			 enum policy_day_kind dk, int used, const char *content,
			 struct hw_verdict *v)
{
	struct hw_item it = { grade, kind, tier, minutes, "作业", content, NULL, HW_LEVEL_STANDARD };
	struct hw_day day = { dk, used, 0 };

	hw_check(&P, &day, &it, v);
	return v->code ? v->code : "ok";
}

/* HW_DAILY_LIMIT, grades 3-6: 60 minutes. 59 and 60 pass, 61 is refused. */
static void test_daily_limit_upper_primary(void **state)
{
	struct hw_verdict v;

	(void)state;
	assert_string_equal(check(3, HW_KIND_WRITTEN, HW_TIER_BASIC, 59, POLICY_DAY_SCHOOL, 0, "x", &v), "ok");
	assert_string_equal(check(3, HW_KIND_WRITTEN, HW_TIER_BASIC, 60, POLICY_DAY_SCHOOL, 0, "x", &v), "ok");
	assert_string_equal(check(3, HW_KIND_WRITTEN, HW_TIER_BASIC, 61, POLICY_DAY_SCHOOL, 0, "x", &v),
			    "HW_DAILY_LIMIT");
	assert_int_equal(v.limit_minutes, 60);
	assert_int_equal(v.used_minutes, 0);
	assert_int_equal(v.requested_minutes, 61);
	/* summed over subjects: 35 already used, 25 fits, 26 does not */
	assert_string_equal(check(6, HW_KIND_WRITTEN, HW_TIER_BASIC, 25, POLICY_DAY_SCHOOL, 35, "x", &v), "ok");
	assert_string_equal(check(6, HW_KIND_WRITTEN, HW_TIER_ADVANCED, 26, POLICY_DAY_SCHOOL, 35, "x", &v),
			    "HW_DAILY_LIMIT");
	assert_int_equal(v.used_minutes, 35);
	assert_non_null(strstr(v.message, "60"));
}

/* Grades 7-9: 90 minutes (89/90/91); grade 6 vs grade 7 at 61..90. */
static void test_daily_limit_junior(void **state)
{
	struct hw_verdict v;

	(void)state;
	assert_string_equal(check(7, HW_KIND_WRITTEN, HW_TIER_BASIC, 89, POLICY_DAY_SCHOOL, 0, "x", &v), "ok");
	assert_string_equal(check(9, HW_KIND_WRITTEN, HW_TIER_BASIC, 90, POLICY_DAY_SCHOOL, 0, "x", &v), "ok");
	assert_string_equal(check(9, HW_KIND_WRITTEN, HW_TIER_BASIC, 91, POLICY_DAY_SCHOOL, 0, "x", &v),
			    "HW_DAILY_LIMIT");
	assert_int_equal(v.limit_minutes, 90);
	assert_string_equal(check(7, HW_KIND_WRITTEN, HW_TIER_BASIC, 75, POLICY_DAY_SCHOOL, 0, "x", &v), "ok");
	assert_string_equal(check(6, HW_KIND_WRITTEN, HW_TIER_BASIC, 75, POLICY_DAY_SCHOOL, 0, "x", &v),
			    "HW_DAILY_LIMIT");
}

/* HW_WRITTEN_G12: grade 2 refused written homework, grade 3 allowed; other
 * kinds are allowed in grades 1-2 and are not summed. */
static void test_written_g12(void **state)
{
	struct hw_verdict v;

	(void)state;
	assert_string_equal(check(1, HW_KIND_WRITTEN, HW_TIER_BASIC, 5, POLICY_DAY_SCHOOL, 0, "x", &v),
			    "HW_WRITTEN_G12");
	assert_string_equal(check(2, HW_KIND_WRITTEN, HW_TIER_OPTIONAL, 5, POLICY_DAY_SCHOOL, 0, "x", &v),
			    "HW_WRITTEN_G12");
	assert_string_equal(check(3, HW_KIND_WRITTEN, HW_TIER_BASIC, 5, POLICY_DAY_SCHOOL, 0, "x", &v), "ok");
	for (int k = HW_KIND_READING; k < HW_KINDS; k++)
		assert_string_equal(check(2, (enum hw_kind)k, HW_TIER_BASIC, 30, POLICY_DAY_SCHOOL, 0, "x", &v),
				    "ok");
	/* reading is not written: not summed even on a full day */
	assert_string_equal(check(4, HW_KIND_READING, HW_TIER_BASIC, 30, POLICY_DAY_SCHOOL, 60, "x", &v), "ok");
	assert_false(hw_counts(&P, HW_KIND_READING, HW_TIER_BASIC));
}

/* 选做 is shown but not summed where the pack says so (Xinrong:
 * count_optional false); 提高 is summed. */
static void test_optional_not_summed(void **state)
{
	struct hw_verdict v;

	(void)state;
	assert_false(P.hw_count_optional);
	assert_false(hw_counts(&P, HW_KIND_WRITTEN, HW_TIER_OPTIONAL));
	assert_true(hw_counts(&P, HW_KIND_WRITTEN, HW_TIER_ADVANCED));
	assert_string_equal(check(5, HW_KIND_WRITTEN, HW_TIER_OPTIONAL, 20, POLICY_DAY_SCHOOL, 60, "x", &v), "ok");
	assert_string_equal(check(5, HW_KIND_WRITTEN, HW_TIER_ADVANCED, 1, POLICY_DAY_SCHOOL, 60, "x", &v),
			    "HW_DAILY_LIMIT");
}

/* HW_OPTIONAL: 选做 is never a way round the limit: capped per class-day
 * (20 minutes for grades 3-6, 30 for 7-9), and counted where the district
 * says so. */
static void test_optional_capped(void **state)
{
	struct hw_item it = { 5, HW_KIND_WRITTEN, HW_TIER_OPTIONAL, 20, "拓展", "选做", NULL,
			      HW_LEVEL_STANDARD };
	struct hw_day day = { POLICY_DAY_SCHOOL, 60, 0 };
	struct hw_verdict v;

	(void)state;
	assert_int_equal(hw_optional_limit(&P, 5), 20);
	assert_int_equal(hw_optional_limit(&P, 8), 30);
	assert_int_equal(hw_check(&P, &day, &it, &v), 0); /* 20 of 20 */
	it.minutes = 21;
	assert_int_equal(hw_check(&P, &day, &it, &v), 1);
	assert_string_equal(v.code, "HW_OPTIONAL");
	assert_int_equal(v.limit_minutes, 20);
	assert_non_null(strstr(v.message, "20 分钟"));
	it.minutes = 10;
	day.optional_minutes = 10; /* 10 already + 10 = 20 */
	assert_int_equal(hw_check(&P, &day, &it, &v), 0);
	day.optional_minutes = 11;
	assert_int_equal(hw_check(&P, &day, &it, &v), 1);
	assert_int_equal(v.used_minutes, 11);
	it.grade = 8; /* junior: 30 */
	day.optional_minutes = 20;
	assert_int_equal(hw_check(&P, &day, &it, &v), 0);
	day.optional_minutes = 21;
	assert_string_equal(hw_check(&P, &day, &it, &v) ? v.code : "ok", "HW_OPTIONAL");
	/* a district that counts 选做: it then fills the daily limit too */
	P.hw_count_optional = true;
	it.grade = 5;
	day.optional_minutes = 0;
	day.written_minutes = 50;
	assert_true(hw_counts(&P, HW_KIND_WRITTEN, HW_TIER_OPTIONAL));
	assert_int_equal(hw_check(&P, &day, &it, &v), 0); /* 50 + 10 = 60 */
	day.written_minutes = 51;
	assert_int_equal(hw_check(&P, &day, &it, &v), 1);
	assert_string_equal(v.code, "HW_DAILY_LIMIT");
	P.hw_count_optional = false;
	assert_int_equal(hw_check(&P, &day, &it, &v), 0);
	/* other kinds are never optional written homework */
	assert_false(hw_is_optional(HW_KIND_READING, HW_TIER_OPTIONAL));
}

/* HW_OFFDAY_LIMIT: the pack's vacation cap for grades 3-6 is 45 (44/45/46);
 * weekend and holiday caps are the pack's numbers too. */
static void test_offday_limit(void **state)
{
	struct hw_verdict v;

	(void)state;
	assert_int_equal(hw_limit(&P, 4, POLICY_DAY_VACATION), 45);
	assert_string_equal(check(4, HW_KIND_WRITTEN, HW_TIER_BASIC, 45, POLICY_DAY_VACATION, 0, "x", &v), "ok");
	assert_string_equal(check(4, HW_KIND_WRITTEN, HW_TIER_BASIC, 46, POLICY_DAY_VACATION, 0, "x", &v),
			    "HW_OFFDAY_LIMIT");
	assert_int_equal(v.limit_minutes, 45);
	assert_string_equal(check(8, HW_KIND_WRITTEN, HW_TIER_BASIC, 60, POLICY_DAY_VACATION, 0, "x", &v), "ok");
	assert_string_equal(check(8, HW_KIND_WRITTEN, HW_TIER_BASIC, 61, POLICY_DAY_VACATION, 0, "x", &v),
			    "HW_OFFDAY_LIMIT");
	assert_string_equal(check(4, HW_KIND_WRITTEN, HW_TIER_BASIC, 61, POLICY_DAY_WEEKEND, 0, "x", &v),
			    "HW_OFFDAY_LIMIT");
	assert_string_equal(check(4, HW_KIND_WRITTEN, HW_TIER_BASIC, 60, POLICY_DAY_HOLIDAY, 0, "x", &v), "ok");
	assert_string_equal(check(4, HW_KIND_WRITTEN, HW_TIER_BASIC, 61, POLICY_DAY_HOLIDAY, 0, "x", &v),
			    "HW_OFFDAY_LIMIT");
}

/* Another district's numbers: the same code follows them. */
static void test_other_district_numbers(void **state)
{
	struct hw_verdict v;
	int saved = P.hw_limit[POLICY_DAY_SCHOOL][4];

	(void)state;
	P.hw_limit[POLICY_DAY_SCHOOL][4] = 40;
	assert_string_equal(check(4, HW_KIND_WRITTEN, HW_TIER_BASIC, 40, POLICY_DAY_SCHOOL, 0, "x", &v), "ok");
	assert_string_equal(check(4, HW_KIND_WRITTEN, HW_TIER_BASIC, 41, POLICY_DAY_SCHOOL, 0, "x", &v),
			    "HW_DAILY_LIMIT");
	P.hw_limit[POLICY_DAY_SCHOOL][4] = saved;
}

/* HW_PARENT: the pack's words in title or content; similar words pass. */
static void test_parent_keywords(void **state)
{
	struct hw_verdict v;
	struct hw_item it = { 4, HW_KIND_READING, HW_TIER_BASIC, 10, "朗读课文，请家长签字", "第三课", NULL,
			      HW_LEVEL_STANDARD };
	struct hw_day day = { POLICY_DAY_SCHOOL, 0, 0 };

	(void)state;
	assert_int_equal(hw_check(&P, &day, &it, &v), 1);
	assert_string_equal(v.code, "HW_PARENT");
	assert_string_equal(v.keyword, "家长签字");
	assert_string_equal(check(4, HW_KIND_WRITTEN, HW_TIER_BASIC, 10, POLICY_DAY_SCHOOL, 0,
				  "完成后由家长检查", &v), "HW_PARENT");
	assert_string_equal(check(4, HW_KIND_WRITTEN, HW_TIER_BASIC, 10, POLICY_DAY_SCHOOL, 0,
				  "亲子完成手抄报", &v), "HW_PARENT");
	/* talking about parents is not asking them to do the homework */
	assert_string_equal(check(4, HW_KIND_WRITTEN, HW_TIER_BASIC, 10, POLICY_DAY_SCHOOL, 0,
				  "写一篇《我的家长》作文", &v), "ok");
	assert_null(hw_parent_keyword(&P, "独立完成练习册"));
}

/* HW_PARENT: every keyword of the pack, written in traditional characters,
 * is caught as the pack's word. The table must name every keyword the pack
 * has, so a new keyword without its traditional form fails here. */
static const char *const parent_traditional[][2] = {
	{ "家长签字", "家長簽字" }, { "家长签名", "家長簽名" }, { "家长检查", "家長檢查" },
	{ "家长批改", "家長批改" }, { "家长完成", "家長完成" }, { "家长代劳", "家長代勞" },
	{ "家长协助", "家長協助" }, { "家长辅导", "家長輔導" }, { "请家长", "請家長" },
	{ "家长陪同", "家長陪同" }, { "家长帮助", "家長幫助" }, { "家长听写", "家長聽寫" },
	{ "家长默写", "家長默寫" }, { "家长打印", "家長打印" }, { "家长拍照", "家長拍照" },
	{ "家长上传", "家長上傳" }, { "亲子完成", "親子完成" },
};

static void test_parent_traditional(void **state)
{
	size_t n = sizeof parent_traditional / sizeof parent_traditional[0];

	(void)state;
	for (int i = 0; i < P.hw_parent_nkeywords; i++) {
		bool listed = false;

		for (size_t j = 0; j < n; j++)
			listed = listed || !strcmp(P.hw_parent_keywords[i], parent_traditional[j][0]);
		if (!listed)
			fail_msg("pack keyword %s has no traditional form in the test", P.hw_parent_keywords[i]);
	}
	for (size_t j = 0; j < n; j++) {
		const char *kw = hw_parent_keyword(&P, parent_traditional[j][1]);

		if (!kw || strcmp(kw, parent_traditional[j][0]) != 0)
			fail_msg("%s: found %s, want %s", parent_traditional[j][1], kw ? kw : "nothing",
				 parent_traditional[j][0]);
	}
}

/* HW_PARENT: spaces, ideographic spaces, zero-width and format characters
 * between the characters, traditional and mixed forms are all the same
 * words; a harmless text stays harmless. */
static void test_parent_disguised(void **state)
{
	static const char *const refused[] = {
		"请家长签字",
		"请家長簽字",
		"请 家 长 签 字",
		"请\u3000家\u3000长\u3000签\u3000字",           /* ideographic space */
		"朗读课文，请\u200b家\u200c长\u200d签\ufeff字",  /* zero-width */
		"请家长\u00a0签\t字",                               /* no-break space, tab */
		"请\u202e家长签字",                                  /* bidi override */
		"請　家長\n簽　字",
		"请家\u00ad长签字",                                  /* soft hyphen */
	};
	struct hw_verdict v;

	(void)state;
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		assert_string_equal(check(4, HW_KIND_WRITTEN, HW_TIER_BASIC, 10, POLICY_DAY_SCHOOL, 0,
					  refused[i], &v), "HW_PARENT");
		assert_string_equal(v.keyword, "家长签字");
	}
	/* in the title as well */
	{
		struct hw_item it = { 4, HW_KIND_READING, HW_TIER_BASIC, 10, "朗读 请 家 長 簽 字", "第三课",
				      NULL, HW_LEVEL_STANDARD };
		struct hw_day day = { POLICY_DAY_SCHOOL, 0, 0 };

		assert_int_equal(hw_check(&P, &day, &it, &v), 1);
		assert_string_equal(v.code, "HW_PARENT");
	}
	assert_string_equal(check(4, HW_KIND_WRITTEN, HW_TIER_BASIC, 10, POLICY_DAY_SCHOOL, 0,
				  "写一篇《我的家長》作文，回家 长跑三十分钟", &v), "ok");
	assert_string_equal(check(4, HW_KIND_WRITTEN, HW_TIER_BASIC, 10, POLICY_DAY_SCHOOL, 0,
				  "独立完成練習冊第 12 頁", &v), "ok");
	/* bytes that are not UTF-8 are read, not skipped, and never read past */
	assert_null(hw_parent_keyword(&P, "\xe5\xae"));
	assert_null(hw_parent_keyword(&P, "家长签\xe5"));
	assert_null(hw_parent_keyword(&P, "家长\xff签字"));
	assert_null(hw_parent_keyword(&P, "家长\xe7\xad" "字"));
}

/* HW_PARENT with another district's keyword in Latin letters: full-width
 * letters and either case are the same word. */
static void test_parent_fullwidth(void **state)
{
	struct hw_verdict v;
	struct hw_day day = { POLICY_DAY_SCHOOL, 0, 0 };
	struct hw_item it = { 4, HW_KIND_WRITTEN, HW_TIER_BASIC, 10, "作业", "", NULL, HW_LEVEL_STANDARD };
	struct policy q = P; /* a copy with one keyword changed; P stays the pack */
	static const char *const refused[] = {
		"每天在app打卡", "每天在\uff21\uff30\uff30打卡",         /* ＡＰＰ */
		"每天在\uff41\u3000\uff50\uff50 打卡",                    /* ａ　ｐｐ */
	};

	(void)state;
	snprintf(q.hw_parent_keywords[0], sizeof q.hw_parent_keywords[0], "%s", "App打卡");
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		it.content = refused[i];
		assert_int_equal(hw_check(&q, &day, &it, &v), 1);
		assert_string_equal(v.code, "HW_PARENT");
		assert_string_equal(v.keyword, "App打卡");
	}
	it.content = "每天在ap打卡";
	assert_int_equal(hw_check(&q, &day, &it, &v), 0);
	/* full-width digits and brackets in a harmless text change nothing */
	assert_string_equal(check(4, HW_KIND_WRITTEN, HW_TIER_BASIC, 10, POLICY_DAY_SCHOOL, 0,
				  "练习册第\uff11\uff12页（独立完成）", &v), "ok");
}

/* HW_REPORT_DATE / HW_REPORT_FUTURE: a parent reports a day from the first
 * day of the term in force up to today, both ends included; the day before
 * the term, tomorrow and a day long ago are refused, and so is any day when
 * no term has started. */
static void test_report_date(void **state)
{
	struct hw_verdict v;

	(void)state;
	assert_int_equal(hw_report_date_check("2026-12-07", "2026-12-07", "2026-09-01", &v), 0);
	assert_null(v.code);
	assert_int_equal(hw_report_date_check("2026-09-01", "2026-12-07", "2026-09-01", &v), 0);
	assert_int_equal(hw_report_date_check("2026-08-31", "2026-12-07", "2026-09-01", &v), 1);
	assert_string_equal(v.code, "HW_REPORT_DATE");
	assert_non_null(strstr(v.message, "2026-09-01"));
	assert_int_equal(hw_report_date_check("2020-01-01", "2026-12-07", "2026-09-01", &v), 1);
	assert_string_equal(v.code, "HW_REPORT_DATE");
	assert_int_equal(hw_report_date_check("2026-12-08", "2026-12-07", "2026-09-01", &v), 1);
	assert_string_equal(v.code, "HW_REPORT_FUTURE");
	assert_non_null(strstr(v.message, "2026-12-07"));
	/* the first day of term is today */
	assert_int_equal(hw_report_date_check("2026-09-01", "2026-09-01", "2026-09-01", &v), 0);
	assert_int_equal(hw_report_date_check("2026-09-02", "2026-09-01", "2026-09-01", &v), 1);
	/* no term has started: nothing can be reported */
	assert_int_equal(hw_report_date_check("2026-12-07", "2026-12-07", "", &v), 1);
	assert_string_equal(v.code, "HW_REPORT_DATE");
	assert_int_equal(hw_report_date_check("2026-12-07", "2026-12-07", NULL, &v), 1);
	assert_string_equal(v.code, "HW_REPORT_DATE");
}

/* The order of checks: G12 before the limit, parent before the limit. */
static void test_check_order(void **state)
{
	struct hw_verdict v;

	(void)state;
	assert_string_equal(check(2, HW_KIND_WRITTEN, HW_TIER_BASIC, 200, POLICY_DAY_SCHOOL, 60,
				  "家长签字", &v), "HW_WRITTEN_G12");
	assert_string_equal(check(4, HW_KIND_WRITTEN, HW_TIER_BASIC, 200, POLICY_DAY_SCHOOL, 60,
				  "家长签字", &v), "HW_PARENT");
}


/* HW_SUBJECT_GRADE: the pack's table of the curriculum, both sides of each
 * first grade: 物理 from grade 8, 化学 grade 9, 英语 from 3, 科学 up to 6. */
static void test_subject_grade(void **state)
{
	static const struct { const char *subject; int grade; bool ok; } cases[] = {
		{ "物理", 7, false }, { "物理", 8, true }, { "物理", 9, true },
		{ "化学", 8, false }, { "化学", 9, true }, { "英语", 2, false },
		{ "英语", 3, true }, { "科学", 6, true }, { "科学", 7, false },
		{ "生物", 7, true }, { "生物", 9, false }, { "语文", 1, true },
		{ "语文", 9, true }, { "天文", 5, false },
	};
	struct hw_item it = { 3, HW_KIND_WRITTEN, HW_TIER_BASIC, 10, "作业", "练习", "物理",
			      HW_LEVEL_STANDARD };
	struct hw_day day = { POLICY_DAY_SCHOOL, 0, 0 };
	struct hw_verdict v;

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		if (hw_subject_in_grade(&P, cases[i].subject, cases[i].grade) != cases[i].ok)
			fail_msg("%s in grade %d", cases[i].subject, cases[i].grade);
	}
	/* the case: 物理 for a grade-3 class, before any other rule */
	assert_int_equal(hw_check(&P, &day, &it, &v), 1);
	assert_string_equal(v.code, "HW_SUBJECT_GRADE");
	assert_non_null(strstr(v.message, "8 至 9 年级"));
	it.subject = "化学";
	it.grade = 8;
	hw_check(&P, &day, &it, &v);
	assert_non_null(strstr(v.message, "只在 9 年级"));
	it.grade = 9;
	assert_int_equal(hw_check(&P, &day, &it, &v), 0);
	it.subject = "天文";
	hw_check(&P, &day, &it, &v);
	assert_string_equal(v.code, "HW_SUBJECT_GRADE");
	assert_non_null(strstr(v.message, "不在本区的课程方案中"));
}
/* HW_DIFFICULTY: an item the teacher declares 拓展/超纲 is refused in the
 * basic tier and allowed as 提高 or 选做; 课标内 is allowed in every tier. */
static void test_difficulty(void **state)
{
	struct hw_item it = { 5, HW_KIND_WRITTEN, HW_TIER_BASIC, 10, "拓展题", "思考题", "数学",
			      HW_LEVEL_EXTENSION };
	struct hw_day day = { POLICY_DAY_SCHOOL, 0, 0 };
	struct hw_verdict v;

	(void)state;
	assert_int_equal(hw_check(&P, &day, &it, &v), 1);
	assert_string_equal(v.code, "HW_DIFFICULTY");
	assert_non_null(strstr(v.message, "课标"));
	it.tier = HW_TIER_ADVANCED;
	assert_int_equal(hw_check(&P, &day, &it, &v), 0);
	it.tier = HW_TIER_OPTIONAL;
	assert_int_equal(hw_check(&P, &day, &it, &v), 0);
	it.tier = HW_TIER_BASIC;
	it.level = HW_LEVEL_STANDARD;
	assert_int_equal(hw_check(&P, &day, &it, &v), 0);
	/* reading, too: the declaration is about difficulty, not kind */
	it.kind = HW_KIND_READING;
	it.level = HW_LEVEL_EXTENSION;
	assert_string_equal(hw_check(&P, &day, &it, &v) ? v.code : "ok", "HW_DIFFICULTY");
	assert_int_equal(hw_level_parse(NULL), HW_LEVEL_STANDARD);
	assert_int_equal(hw_level_parse("extension"), HW_LEVEL_EXTENSION);
	assert_int_equal(hw_level_parse("超纲"), -1);
	assert_string_equal(hw_level_name(HW_LEVEL_EXTENSION), "拓展/超纲");
}

static void test_grading(void **state)
{
	struct hw_verdict v;

	(void)state;
	assert_int_equal(hw_grading_check("self", &v), 1);
	assert_string_equal(v.code, "HW_SELF_GRADING");
	for (int i = 0; hw_grading_ids[i]; i++)
		if (strcmp(hw_grading_ids[i], "self") != 0) {
			assert_int_equal(hw_grading_check(hw_grading_ids[i], &v), 0);
			assert_null(v.code);
		}
	assert_string_equal(hw_grading_name("face"), "面批");
}

/* HW_REPORTED_AVERAGE: 4 families hide the average, 5 show it. */
static void test_reported_average(void **state)
{
	int avg = -1;

	(void)state;
	assert_false(hw_reported_average(&P, 4, 4 * 70, &avg));
	assert_true(hw_reported_average(&P, 5, 5 * 70, &avg));
	assert_int_equal(avg, 70);
	assert_true(hw_reported_average(&P, 6, 61 * 3 + 62 * 3, &avg));
	assert_int_equal(avg, 62); /* 61.5 rounds half up */
	assert_false(hw_reported_average(&P, 0, 0, &avg));
}

/* Reported time against the limit: 61 over 60 is flagged, 60 is not; 4
 * families are not enough; grade 2 (no written homework) is not measured. */
static void test_reported_over(void **state)
{
	(void)state;
	assert_true(hw_reported_over(&P, 3, POLICY_DAY_SCHOOL, 5, 5 * 61));
	assert_false(hw_reported_over(&P, 3, POLICY_DAY_SCHOOL, 5, 5 * 60));
	assert_false(hw_reported_over(&P, 3, POLICY_DAY_SCHOOL, 4, 4 * 90));
	assert_false(hw_reported_over(&P, 2, POLICY_DAY_SCHOOL, 5, 5 * 30));
	assert_true(hw_reported_over(&P, 7, POLICY_DAY_SCHOOL, 5, 5 * 91));
	assert_false(hw_reported_over(&P, 7, POLICY_DAY_SCHOOL, 5, 5 * 90));
	assert_true(hw_reported_over(&P, 4, POLICY_DAY_VACATION, 6, 6 * 46));
}

/* HW_NONCOMPLETION: 2 unfinished days are not yet a follow-up, 3 are. */
static void test_followup_due(void **state)
{
	(void)state;
	assert_false(hw_followup_due(&P, 2));
	assert_true(hw_followup_due(&P, 3));
	assert_true(hw_followup_due(&P, 4));
}

static void test_ids(void **state)
{
	(void)state;
	assert_int_equal(hw_kind_parse("handcraft"), HW_KIND_HANDCRAFT);
	assert_int_equal(hw_kind_parse("essay"), -1);
	assert_int_equal(hw_tier_parse("optional"), HW_TIER_OPTIONAL);
	assert_int_equal(hw_tier_parse(NULL), -1);
	assert_string_equal(hw_kind_name(HW_KIND_ORAL), "口语交际");
	assert_string_equal(hw_tier_name(HW_TIER_ADVANCED), "提高");
	assert_string_equal(hw_reason_name("too_hard"), "太难");
	assert_string_equal(hw_reason_name("bored"), "");
}

/* Grading coverage rounds to the nearest percent: 2 of 3 is 67 %, not 66. */
static void test_percent_rounds(void **state)
{
	(void)state;
	assert_int_equal(hw_percent(2, 3), 67);
	assert_int_equal(hw_percent(1, 3), 33);
	assert_int_equal(hw_percent(1, 2), 50);
	assert_int_equal(hw_percent(1, 200), 1);  /* 0.5 rounds up */
	assert_int_equal(hw_percent(1, 201), 0);  /* 0.497 rounds down */
	assert_int_equal(hw_percent(199, 200), 100); /* 99.5 rounds up */
	assert_int_equal(hw_percent(3, 3), 100);
	assert_int_equal(hw_percent(0, 0), 0);
	assert_int_equal(hw_percent(0, 7), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_daily_limit_upper_primary),
		cmocka_unit_test(test_daily_limit_junior),
		cmocka_unit_test(test_written_g12),
		cmocka_unit_test(test_optional_not_summed),
		cmocka_unit_test(test_optional_capped),
		cmocka_unit_test(test_offday_limit),
		cmocka_unit_test(test_other_district_numbers),
		cmocka_unit_test(test_parent_keywords),
		cmocka_unit_test(test_parent_traditional),
		cmocka_unit_test(test_parent_disguised),
		cmocka_unit_test(test_parent_fullwidth),
		cmocka_unit_test(test_check_order),
		cmocka_unit_test(test_subject_grade),
		cmocka_unit_test(test_difficulty),
		cmocka_unit_test(test_grading),
		cmocka_unit_test(test_reported_average),
		cmocka_unit_test(test_reported_over),
		cmocka_unit_test(test_followup_due),
		cmocka_unit_test(test_report_date),
		cmocka_unit_test(test_ids),
		cmocka_unit_test(test_percent_rounds),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
