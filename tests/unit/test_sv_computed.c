/* test_sv_computed.c - the computed supervision items (issue 15, part SB):
 * verdicts on both sides of each pass mark (SV_COMPUTED), the pack's
 * "computed" blocks, and an item without records giving `missing`, never a
 * number. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "app/app_sv_computed.h"
#include "core/sv_computed.h"
#include "demo_fixture.h"

#include <stdlib.h>

#define PACK "policy/xinrong-2021.json"

static const struct policy_sv_item share95 = { "B10.2", "hw_within_limit", "%", false, 95, 85 };

/* SV_COMPUTED: B10.2 met at 95% exactly, partly just below; 85% partly, just below not met */
static void test_share_marks(void **state)
{
	(void)state;
	assert_int_equal(svc_judge_share(&share95, (struct svc_share){ 95, 100 }), SVC_MET);
	assert_int_equal(svc_judge_share(&share95, (struct svc_share){ 949, 1000 }), SVC_PARTLY);
	assert_int_equal(svc_judge_share(&share95, (struct svc_share){ 19, 20 }), SVC_MET);
	assert_int_equal(svc_judge_share(&share95, (struct svc_share){ 85, 100 }), SVC_PARTLY);
	assert_int_equal(svc_judge_share(&share95, (struct svc_share){ 849, 1000 }), SVC_NOT_MET);
	assert_int_equal(svc_judge_share(&share95, (struct svc_share){ 0, 7 }), SVC_NOT_MET);
	assert_string_equal(svc_verdict_key(SVC_MET), "met");
	assert_string_equal(svc_verdict_key(SVC_PARTLY), "partly");
	assert_string_equal(svc_verdict_key(SVC_NOT_MET), "not_met");
}

/* 94.96% shows as 95.0 but is judged below the mark: no rounding in the verdict */
static void test_share_not_rounded(void **state)
{
	struct svc_share s = { 9496, 10000 };

	(void)state;
	assert_true(svc_percent(s) == 95.0);
	assert_int_equal(svc_judge_share(&share95, s), SVC_PARTLY);
	assert_true(svc_percent((struct svc_share){ 1, 3 }) == 33.3);
	assert_true(svc_percent((struct svc_share){ 2, 3 }) == 66.7);
}

/* TE_PAID_TUTORING (B25.1): cases, lower is better; at the mark vs one more */
static void test_count_marks(void **state)
{
	struct policy_sv_item veto = { "B25.1", "ethics_cases", "起", true, 0, 0 };
	struct policy_sv_item two = { "B25.1", "ethics_cases", "起", true, 0, 2 };
	struct policy_sv_item up = { "X", "x", "次", false, 10, 5 };

	(void)state;
	assert_int_equal(svc_judge_count(&veto, 0), SVC_MET);
	assert_int_equal(svc_judge_count(&veto, 1), SVC_NOT_MET);
	assert_int_equal(svc_judge_count(&two, 2), SVC_PARTLY);
	assert_int_equal(svc_judge_count(&two, 3), SVC_NOT_MET);
	assert_int_equal(svc_judge_count(&up, 10), SVC_MET);
	assert_int_equal(svc_judge_count(&up, 9), SVC_PARTLY);
	assert_int_equal(svc_judge_count(&up, 4), SVC_NOT_MET);
}

/* B10.2, B14.3, B17.1: the lower of two shares; one without records gives way */
static void test_worse(void **state)
{
	struct svc_share a = { 147, 150 }, b = { 150, 150 }, none = { 0, 0 }, w;

	(void)state;
	w = svc_worse(a, b);
	assert_int_equal(w.num, 147);
	w = svc_worse(b, a);
	assert_int_equal(w.num, 147);
	w = svc_worse(none, b);
	assert_int_equal(w.den, 150);
	w = svc_worse(a, none);
	assert_int_equal(w.num, 147);
}

/* ---- the pack ---- */

static json_t *pack_json(void)
{
	json_error_t je;
	json_t *j = json_load_file(PACK, 0, &je);

	assert_non_null(j);
	return j;
}

/* indicators[a].b[b].c[c] */
static json_t *c_item(json_t *j, int a, int b, int c)
{
	return json_array_get(json_object_get(json_array_get(json_object_get(
		json_array_get(json_object_get(j, "indicators"), a), "b"), b), "c"), c);
}

/* Parse j (consumed): 0 or -1 with err. */
static int parse(json_t *j, struct policy *p, char *err, size_t n)
{
	char *s = json_dumps(j, 0);
	int rc = policy_parse(s, strlen(s), PACK, p, err, n);

	free(s);
	json_decref(j);
	return rc;
}

static void refused(json_t *j, const char *needle)
{
	struct policy p;
	char err[512];

	memset(&p, 0, sizeof p);
	assert_int_equal(parse(j, &p, err, sizeof err), -1);
	if (!strstr(err, needle))
		fail_msg("%s lacks %s", err, needle);
}

/* Every computable item has its computed block, and only those */
static void test_pack_blocks(void **state)
{
	struct policy p;
	char err[512];
	const struct policy_sv_item *it;

	(void)state;
	assert_int_equal(policy_load_file(PACK, &p, err, sizeof err), 0);
	assert_int_equal(p.n_sv_items, 16);
	it = policy_sv_item(&p, "B10.2");
	assert_non_null(it);
	assert_string_equal(it->measure, "hw_within_limit");
	assert_int_equal(it->met, 95);
	assert_int_equal(it->partly, 85);
	it = policy_sv_item(&p, "B25.1");
	assert_non_null(it);
	assert_true(it->lower);
	assert_non_null(policy_sv_item(&p, "B21.2"));
	assert_non_null(policy_sv_item(&p, "B18.3"));
	assert_null(policy_sv_item(&p, "B1.1"));
	policy_free(&p);
}

/* SV_COMPUTED: every item of the pack, at each of its marks and just past it
 * on the wrong side (a share one in 1000 below; one case more) */
static void test_pack_marks_both_sides(void **state)
{
	struct policy p;
	char err[512];

	(void)state;
	assert_int_equal(policy_load_file(PACK, &p, err, sizeof err), 0);
	for (int k = 0; k < p.n_sv_items; k++) {
		const struct policy_sv_item *it = &p.sv_items[k];
		enum svc_verdict below_met = it->partly == it->met ? SVC_NOT_MET : SVC_PARTLY;

		if (it->lower) {
			assert_int_equal(svc_judge_count(it, it->met), SVC_MET);
			assert_int_equal(svc_judge_count(it, it->met + 1), below_met);
			assert_int_equal(svc_judge_count(it, it->partly + 1), SVC_NOT_MET);
			continue;
		}
		assert_int_equal(svc_judge_share(it, (struct svc_share){ it->met * 10, 1000 }), SVC_MET);
		if (it->met > 0)
			assert_int_equal(svc_judge_share(it, (struct svc_share){ it->met * 10 - 1, 1000 }),
					 below_met);
		assert_int_equal(svc_judge_share(it, (struct svc_share){ it->partly * 10, 1000 }),
				 it->partly == it->met ? SVC_MET : SVC_PARTLY);
		if (it->partly > 0)
			assert_int_equal(svc_judge_share(it, (struct svc_share){ it->partly * 10 - 1, 1000 }),
					 SVC_NOT_MET);
	}
	policy_free(&p);
}

static void test_pack_refusals(void **state)
{
	const struct {
		const char *key;
		json_t *value;
		const char *needle;
	} bad[] = {
		{ "measure", json_string("tea_time"), "未知的计算指标 tea_time" },
		{ "partly", json_integer(96), "基本达标线" },
		{ "better", json_string("more"), "higher 或 lower" },
		{ "met", json_integer(1001), "indicators[2].b[2].c[1].computed.met" },
	};
	json_t *j;

	(void)state;
	/* B10.2 (A3 B10 second C) without its block */
	j = pack_json();
	json_object_del(c_item(j, 2, 2, 1), "computed");
	refused(j, "indicators[2].b[2].c[1].computed");
	/* a block on B1.1, which is not computable */
	j = pack_json();
	json_object_set_new(c_item(j, 0, 0, 0), "computed", json_pack("{s:s,s:s,s:s,s:i,s:i}",
		"measure", "pe_time", "unit", "%", "better", "higher", "met", 90, "partly", 80));
	refused(j, "computable");
	/* B10.2's block with one field off */
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		j = pack_json();
		json_object_set_new(json_object_get(c_item(j, 2, 2, 1), "computed"), bad[i].key,
				    bad[i].value);
		refused(j, bad[i].needle);
	}
}

/* ---- on a demo district ---- */

static json_t *item(json_t *o, const char *id)
{
	json_t *it = json_object_get(o, id);

	assert_non_null(it);
	return it;
}

/* A term of the district with no records at all. */
static int64_t empty_term(void)
{
	struct app_err e = { 0 };
	struct db_err dbe = { 0 };
	struct db *db = app_db_get(&fx_app, &e);

	assert_non_null(db);
	assert_int_equal(db_exec(db, "INSERT INTO term (district_id, name, starts_on, ends_on)"
				 " SELECT district_id, '空学期', '2034-02-20', '2034-07-07' FROM term"
				 " LIMIT 1", NULL, 0, NULL, &dbe), 0);
	app_db_put(&fx_app, db);
	return fx_scalar("SELECT id FROM term WHERE name = '空学期'");
}

static void test_demo_school(void **state)
{
	struct actor inspector, principal, teacher;
	struct app_err e = { 0 };
	json_t *o = NULL, *it;
	int64_t empty;

	(void)state;
	fx_open("svc", "svc-test-pass-1", 3);
	fx_actor("inspector", &inspector);
	fx_actor("principal", &principal);
	fx_actor("teacher", &teacher);

	/* the term in force: figures with a verdict */
	assert_int_equal(app_sv_computed(&fx_app, &inspector, 1, 0, &o, &e), 0);
	it = item(o, "B10.2");
	assert_true(json_is_number(json_object_get(it, "value")));
	assert_string_equal(json_string_value(json_object_get(it, "rule")), "HW_DAILY_LIMIT");
	assert_non_null(json_string_value(json_object_get(it, "score")));
	assert_null(json_object_get(it, "missing"));
	/* B18.3: the demo's surveys give school 1 a satisfied share with a verdict */
	it = item(o, "B18.3");
	assert_true(json_is_number(json_object_get(it, "value")));
	assert_non_null(json_string_value(json_object_get(it, "score")));
	assert_null(json_object_get(it, "missing"));
	json_decref(o);
	/* the demo's last school has only 3 answers a group (SV_MIN_GROUP is 5):
	 * no figure, the reason instead */
	assert_int_equal(app_sv_computed(&fx_app, &inspector, 3, 0, &o, &e), 0);
	it = item(o, "B18.3");
	assert_non_null(strstr(json_string_value(json_object_get(it, "missing")), "SV_MIN_GROUP"));
	assert_null(json_object_get(it, "value"));
	json_decref(o);

	/* a term without records: every item but the ethics count is missing */
	empty = empty_term();
	assert_true(empty > 0);
	assert_int_equal(app_sv_computed(&fx_app, &principal, 1, empty, &o, &e), 0);
	it = item(o, "B13.1");
	assert_non_null(strstr(json_string_value(json_object_get(it, "missing")), "考试安排"));
	assert_null(json_object_get(it, "value"));
	assert_null(json_object_get(item(o, "B28.1"), "value"));
	assert_null(json_object_get(item(o, "B21.2"), "value"));
	assert_int_equal(json_integer_value(json_object_get(item(o, "B25.1"), "value")), 0);
	assert_non_null(strstr(json_string_value(json_object_get(item(o, "B18.3"), "missing")), "答卷"));
	json_decref(o);

	/* the bulk path gives the same figure for school 1 */
	assert_int_equal(app_sv_computed_all(&fx_app, &inspector, 0, &o, &e), 0);
	assert_int_equal(json_object_size(o), 3);
	{
		json_t *one = NULL;

		assert_int_equal(app_sv_computed(&fx_app, &inspector, 1, 0, &one, &e), 0);
		assert_true(json_equal(json_object_get(o, "1"), one));
		json_decref(one);
	}
	json_decref(o);

	/* scope: another school for a principal 404; the bulk path 403 */
	assert_int_equal(app_sv_computed(&fx_app, &principal, 2, 0, &o, &e), -1);
	assert_int_equal(e.status, 404);
	assert_int_equal(app_sv_computed(&fx_app, &teacher, 1, 0, &o, &e), -1);
	assert_int_equal(e.status, 404);
	assert_int_equal(app_sv_computed_all(&fx_app, &principal, 0, &o, &e), -1);
	assert_int_equal(e.status, 403);
	assert_int_equal(app_sv_computed(&fx_app, &inspector, 1, 999999, &o, &e), -1);
	assert_int_equal(e.status, 404);
	fx_close();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_share_marks),
		cmocka_unit_test(test_share_not_rounded),
		cmocka_unit_test(test_count_marks),
		cmocka_unit_test(test_worse),
		cmocka_unit_test(test_pack_blocks),
		cmocka_unit_test(test_pack_marks_both_sides),
		cmocka_unit_test(test_pack_refusals),
		cmocka_unit_test(test_demo_school),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
