/* app_sv_computed.c - the computed supervision items (app_sv_computed.h):
 * the store's set-based figures per school, judged against the pack's pass
 * marks (core/sv_computed.h). One run loads every measure once, for one
 * school or the whole district, and walks the schools in id order beside
 * the result rows (each ordered by school id). */
#include "app/app_sv_computed.h"
#include "app/app_internal.h"
#include "core/checkin.h"
#include "core/exam.h"
#include "core/health.h"
#include "core/report.h"
#include "core/sv_computed.h"
#include "store/store_exam.h"
#include "store/store_health.h"
#include "store/store_sv_computed.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <string.h>

enum { Q_HW, Q_REP, Q_GRADING, Q_AS, Q_PLAN, Q_HELD, Q_STAFF, Q_VENUE, Q_HAND, Q_SLEEP,
       Q_VISION, Q_ETHICS, Q_PE, Q_EXAM, Q_SAT, Q_N };

struct run {
	const struct policy *p;
	struct store_svc_scope sc;
	struct store_he_term term;
	char valid_from[11], ref[11]; /* AS_VENUE_CHECK: a check still valid on ref */
	int need, year;               /* screenings due; the ethics school year */
	struct db_res *schools, *r[Q_N];
	int cur[Q_N];
	const char *rule[POLICY_MAX_SV_ITEMS];
};

/* One figure of one school: a share or a count, or the records missing. */
struct fig {
	struct svc_share share;
	long count;
	bool is_count;
	const char *missing;
	json_t *parts;
	char basis[512];
};

struct school {
	int64_t id;
	const char *kind;
	long students;
};

/* The row of measure q for the school, or -1 when it has no records. */
static int row(struct run *u, int q, int64_t school)
{
	struct db_res *r = u->r[q];

	while (u->cur[q] < db_res_rows(r) && db_res_int(r, u->cur[q], 0) < school)
		u->cur[q]++;
	if (u->cur[q] < db_res_rows(r) && db_res_int(r, u->cur[q], 0) == school)
		return u->cur[q];
	return -1;
}

static long col(struct run *u, int q, int i, int c)
{
	return i < 0 ? 0 : (long)db_res_int(u->r[q], i, c);
}

static json_t *part(const char *name, struct svc_share s)
{
	return json_pack("{s:s,s:o,s:I,s:I}", "name", name, "value",
			 s.den > 0 ? json_real(svc_percent(s)) : json_null(), "count",
			 (json_int_t)s.num, "total", (json_int_t)s.den);
}

static void parts2(struct fig *f, const char *n1, struct svc_share a, const char *n2,
		   struct svc_share b)
{
	f->parts = json_pack("[o,o]", part(n1, a), part(n2, b));
	f->share = svc_worse(a, b);
}

/* ---- the measures (policy_sv_measures) ---- */

/* HW_WRITTEN_G12: B10.1 */
static void m_hw_g12(struct run *u, const struct school *s, struct fig *f)
{
	int i = row(u, Q_HW, s->id);

	f->share = (struct svc_share){ col(u, Q_HW, i, 2), col(u, Q_HW, i, 1) };
	if (f->share.den == 0)
		f->missing = "本学期没有一、二年级的作业记录";
	snprintf(f->basis, sizeof f->basis, "一、二年级 %ld 个班级日中 %ld 个没有书面作业",
		 f->share.den, f->share.num);
}

/* HW_DAILY_LIMIT (declared), HW_REPORTED_AVERAGE (as parents reported): B10.2 */
static void m_hw_limit(struct run *u, const struct school *s, struct fig *f)
{
	int i = row(u, Q_HW, s->id), k = row(u, Q_REP, s->id);
	struct svc_share d = { col(u, Q_HW, i, 4), col(u, Q_HW, i, 3) };
	struct svc_share r = { col(u, Q_REP, k, 2), col(u, Q_REP, k, 1) };

	if (d.den == 0) {
		f->missing = "本学期没有三至九年级的作业记录（布置的书面作业时长）";
		return;
	}
	parts2(f, "declared", d, "reported", r);
	snprintf(f->basis, sizeof f->basis,
		 "学校布置：%ld 个班级日中 %ld 个书面作业时长在限额内；家长反馈：%ld 个班级日中 %ld 个平均时长在限额内%s",
		 d.den, d.num, r.den, r.num, r.den ? "；取两者中较低的" : "（家长反馈不足）");
}

static void m_grading(struct run *u, const struct school *s, struct fig *f)
{
	int i = row(u, Q_GRADING, s->id);

	f->share = (struct svc_share){ col(u, Q_GRADING, i, 2), col(u, Q_GRADING, i, 1) };
	if (f->share.den == 0)
		f->missing = "本学期没有已发布的书面作业及批改记录";
	snprintf(f->basis, sizeof f->basis, "已发布的 %ld 项书面作业中 %ld 项有批改记录",
		 f->share.den, f->share.num);
}

/* HW_SELF_GRADING: B12.3 */
static void m_teacher_grading(struct run *u, const struct school *s, struct fig *f)
{
	int i = row(u, Q_GRADING, s->id);

	f->share = (struct svc_share){ col(u, Q_GRADING, i, 3), col(u, Q_GRADING, i, 2) };
	if (f->share.den == 0)
		f->missing = "本学期没有作业批改记录";
	snprintf(f->basis, sizeof f->basis, "有批改记录的 %ld 项作业中 %ld 项由教师批改或面批",
		 f->share.den, f->share.num);
}

/* EX_FINAL_ONCE, EX_MIDTERM, EX_FORBIDDEN_KIND, EX_G12_PAPER: B13.1, per
 * grade with plans (store_exam_counts: school, name, grade, kind, form, n) */
static void m_exam(struct run *u, const struct school *s, struct fig *f)
{
	struct db_res *r = u->r[Q_EXAM];
	int n[POLICY_MAX_GRADE + 1] = { 0 };
	bool bad[POLICY_MAX_GRADE + 1] = { false };
	int i = row(u, Q_EXAM, s->id);

	for (; i >= 0 && i < db_res_rows(r) && db_res_int(r, i, 0) == s->id; i++) {
		int g = (int)db_res_int(r, i, 2), k = (int)db_res_int(r, i, 5), allow;

		if (db_res_isnull(r, i, 2) || g < 1 || g > POLICY_MAX_GRADE)
			continue;
		allow = ex_kind_allowance(u->p, g, db_res_text(r, i, 3));
		n[g] += k;
		bad[g] |= (allow >= 0 && k > allow) ||
			  (strcmp(db_res_text(r, i, 4), "paper") == 0 && u->p->ex_paper_forbidden[g]);
	}
	for (int g = 1; g <= POLICY_MAX_GRADE; g++) {
		f->share.den += n[g] > 0;
		f->share.num += n[g] > 0 && !bad[g];
	}
	if (f->share.den == 0)
		f->missing = "本学期没有考试安排记录";
	snprintf(f->basis, sizeof f->basis, "有考试安排的 %ld 个年级中 %ld 个符合考试次数与形式的规定",
		 f->share.den, f->share.num);
}

/* AS_VOLUNTARY: B14.2, B18.1 */
static void m_participation(struct run *u, const struct school *s, struct fig *f)
{
	int i = row(u, Q_AS, s->id);

	f->share = (struct svc_share){ col(u, Q_AS, i, 1), s->students };
	if (i < 0 || s->students == 0)
		f->missing = "本学期没有课后服务报名记录";
	snprintf(f->basis, sizeof f->basis, "在校学生 %ld 人中 %ld 人自愿报名并参加课后服务",
		 f->share.den, f->share.num);
}

/* AS_FIVE_DAYS, AS_END_TIME: B14.3, the plan's weekdays and the days held */
static void m_service_end(struct run *u, const struct school *s, struct fig *f)
{
	int i = row(u, Q_PLAN, s->id), k = row(u, Q_HELD, s->id);
	struct svc_share plan = { col(u, Q_PLAN, i, 2), 5 };
	struct svc_share held = { col(u, Q_HELD, k, 2), col(u, Q_HELD, k, 1) };

	if (i < 0 && k < 0) {
		f->missing = "本学期没有课后服务方案和活动记录";
		return;
	}
	if (i < 0)
		plan.den = 0;
	parts2(f, "plan", plan, "held", held);
	snprintf(f->basis, sizeof f->basis,
		 "方案：每周 %ld 天服务，其中 %ld 天结束不早于 %02d:%02d；实际开展 %ld 天，其中 %ld 天结束不早于该时间",
		 col(u, Q_PLAN, i, 1), plan.num, u->p->as_end_not_before_min / 60,
		 u->p->as_end_not_before_min % 60, held.den, held.num);
}

/* AS_STAFF_VETTING: B16.1; no outside staff is none to vet */
static void m_staff(struct run *u, const struct school *s, struct fig *f)
{
	int i = row(u, Q_STAFF, s->id);
	long outside = col(u, Q_STAFF, i, 2);

	f->share = (struct svc_share){ outside ? col(u, Q_STAFF, i, 3) : 1, outside ? outside : 1 };
	if (i < 0)
		f->missing = "本学期没有课后服务课程及服务人员记录";
	snprintf(f->basis, sizeof f->basis, "%ld 门课程的校外服务人员 %ld 人，其中 %ld 人有资质与政审记录",
		 col(u, Q_STAFF, i, 1), outside, col(u, Q_STAFF, i, 3));
}

/* AS_VENUE_CHECK, AS_HANDOVER: B17.1 */
static void m_venue(struct run *u, const struct school *s, struct fig *f)
{
	int i = row(u, Q_VENUE, s->id), k = row(u, Q_HAND, s->id);
	struct svc_share v = { col(u, Q_VENUE, i, 2), col(u, Q_VENUE, i, 1) };
	struct svc_share h = { col(u, Q_HAND, k, 2), col(u, Q_HAND, k, 1) };

	if (v.den == 0 && h.den == 0) {
		f->missing = "本学期没有课后服务场地与考勤交接记录";
		return;
	}
	parts2(f, "venues", v, "handover", h);
	snprintf(f->basis, sizeof f->basis,
		 "%ld 处场地中 %ld 处在 %s 前 %d 天内检查合格；到场 %ld 人次中 %ld 人次有交接记录（其余为交接预警）",
		 v.den, v.num, u->ref, u->p->as_venue_check_days, h.den, h.num);
}

static void m_hw_in_service(struct run *u, const struct school *s, struct fig *f)
{
	int i = row(u, Q_AS, s->id);

	f->share = (struct svc_share){ col(u, Q_AS, i, 3), col(u, Q_AS, i, 2) };
	if (f->share.den == 0)
		f->missing = "本学期课后服务中没有登记书面作业完成情况";
	snprintf(f->basis, sizeof f->basis, "课后服务中登记作业 %ld 人次，其中 %ld 人次完成",
		 f->share.den, f->share.num);
}

/* SV_SURVEY: B18.3 — the share of scale answers counted as satisfied, over
 * the groups (parents, students, teachers) with at least SV_MIN_GROUP
 * answers; a smaller group is left out, as its results are not published. */
static void m_satisfaction(struct run *u, const struct school *s, struct fig *f)
{
	struct db_res *r = u->r[Q_SAT];
	long answers = 0, shown = 0, left_out = 0;

	for (int i = row(u, Q_SAT, s->id); i >= 0 && i < db_res_rows(r) &&
	     db_res_int(r, i, 0) == s->id; i++) {
		long n = (long)db_res_int(r, i, 2);

		answers += n;
		if (n < u->p->sv_min_group) {
			left_out++;
			continue;
		}
		shown++;
		f->share.num += (long)db_res_int(r, i, 3);
		f->share.den += (long)db_res_int(r, i, 4);
	}
	if (answers == 0)
		f->missing = "本学期没有满意度问卷的答卷";
	else if (shown == 0)
		f->missing = "各群体答卷都少于 SV_MIN_GROUP 规定的份数，结果不公布";
	snprintf(f->basis, sizeof f->basis,
		 "%ld 份答卷（%ld 个群体达到公布份数%s）的量表题中 %ld / %ld 项为满意及以上", answers,
		 shown, left_out ? "，答卷过少的群体不计" : "", f->share.num, f->share.den);
}

/* MG_SLEEP: B21.2 */
static void m_sleep(struct run *u, const struct school *s, struct fig *f)
{
	int i = row(u, Q_SLEEP, s->id);

	f->share = (struct svc_share){ col(u, Q_SLEEP, i, 2), col(u, Q_SLEEP, i, 1) };
	if (f->share.den == 0)
		f->missing = "本学期没有家长每周填报的睡眠记录";
	snprintf(f->basis, sizeof f->basis, "有填报的 %ld 名学生中 %ld 名平均睡眠达到所在学段的下限",
		 f->share.den, f->share.num);
}

/* MG_VISION_SCREENING: B22.3 */
static void m_vision(struct run *u, const struct school *s, struct fig *f)
{
	int i = row(u, Q_VISION, s->id);

	f->share = (struct svc_share){ col(u, Q_VISION, i, 2), s->students };
	if (i < 0 || s->students == 0)
		f->missing = "本学期没有视力筛查记录";
	snprintf(f->basis, sizeof f->basis, "在校学生 %ld 人中 %ld 人本学期已筛查 %d 次（截至 %s 应完成的次数）",
		 f->share.den, f->share.num, u->need, u->ref);
}

/* TE_PAID_TUTORING: B25.1, cases of the school year */
static void m_ethics(struct run *u, const struct school *s, struct fig *f)
{
	f->is_count = true;
	f->count = col(u, Q_ETHICS, row(u, Q_ETHICS, s->id), 1);
	snprintf(f->basis, sizeof f->basis, "%d 学年查实的师德失范（有偿补课等）记录 %ld 起", u->year,
		 f->count);
}

/* MG_PE_DAILY, MG_EYE_EXERCISES: B28.1 */
static void m_pe(struct run *u, const struct school *s, struct fig *f)
{
	int i = row(u, Q_PE, s->id);

	f->share = (struct svc_share){ col(u, Q_PE, i, 2), col(u, Q_PE, i, 1) };
	if (f->share.den == 0)
		f->missing = "本学期没有体育活动（大课间、体育课、眼保健操）记录";
	snprintf(f->basis, sizeof f->basis, "登记的 %ld 个班级日中 %ld 个体育活动满 %d 分钟且眼保健操够数",
		 f->share.den, f->share.num, u->p->pe_daily_minutes);
}

typedef void (*measure_fn)(struct run *u, const struct school *s, struct fig *f);

static const struct {
	const char *measure, *page;
	measure_fn fn;
} measures[] = {
	{ "hw_g12_none", "hw-stats", m_hw_g12 },
	{ "hw_within_limit", "hw-stats", m_hw_limit },
	{ "grading_coverage", "hw-stats", m_grading },
	{ "teacher_grading", "hw-stats", m_teacher_grading },
	{ "exam_within_rules", "exams", m_exam },
	{ "participation", "as-applications", m_participation },
	{ "service_end", "as-sessions", m_service_end },
	{ "staff_vetted", "as-programs", m_staff },
	{ "venue_handover", "as-safety", m_venue },
	{ "hw_done_in_service", "afterschool", m_hw_in_service },
	{ "satisfaction", "surveys", m_satisfaction },
	{ "sleep_floor", "fm", m_sleep },
	{ "vision_twice", "health", m_vision },
	{ "ethics_cases", "ethics", m_ethics },
	{ "pe_time", "health", m_pe },
};

static json_t *item_json(struct run *u, int k, const struct school *s)
{
	const struct policy_sv_item *it = &u->p->sv_items[k];
	struct fig f = { .share = { 0, 0 }, .missing = NULL, .parts = NULL };
	char url[160];
	enum svc_verdict v;
	json_t *o;
	size_t m = 0;

	while (m < sizeof measures / sizeof measures[0] && strcmp(measures[m].measure, it->measure))
		m++;
	if (m == sizeof measures / sizeof measures[0])
		return json_pack("{s:s}", "missing", "平台尚不能计算此项");
	measures[m].fn(u, s, &f);
	if (f.missing) {
		json_decref(f.parts);
		return json_pack("{s:s}", "missing", f.missing);
	}
	snprintf(url, sizeof url, "#/%s?school_id=%lld&term_id=%lld", measures[m].page,
		 (long long)s->id, (long long)u->term.id);
	v = f.is_count ? svc_judge_count(it, f.count) : svc_judge_share(it, f.share);
	o = json_pack("{s:o,s:s,s:s,s:s,s:s,s:s,s:{s:i,s:i,s:s}}", "value",
		      f.is_count ? json_integer(f.count) : json_real(svc_percent(f.share)), "unit",
		      it->unit, "rule", u->rule[k], "evidence_url", url, "basis", f.basis, "score",
		      svc_verdict_key(v), "marks", "met", it->met, "partly", it->partly, "better",
		      it->lower ? "lower" : "higher");
	if (o && f.parts)
		json_object_set_new(o, "parts", f.parts);
	else
		json_decref(f.parts);
	return o;
}

static json_t *school_json(struct run *u, const struct school *s)
{
	json_t *o = json_object();

	for (int k = 0; k < u->p->n_sv_items; k++)
		json_object_set_new(o, u->p->sv_items[k].id, item_json(u, k, s));
	return o;
}

/* ---- loading ---- */

/* The C item's first rule code in the pack, or SV_COMPUTED. */
static const char *first_rule(const struct policy *p, const char *id)
{
	json_t *a, *b, *c;
	size_t i, j, k;

	json_array_foreach(json_object_get(p->raw, "indicators"), i, a)
		json_array_foreach(json_object_get(a, "b"), j, b)
			json_array_foreach(json_object_get(b, "c"), k, c)
				if (strcmp(json_string_value(json_object_get(c, "id")), id) == 0) {
					const char *r = json_string_value(
						json_array_get(json_object_get(c, "rules"), 0));

					return r ? r : "SV_COMPUTED";
				}
	return "SV_COMPUTED";
}

/* The term's reference day (today, or its last day once over), the
 * screenings due by then and the venue-check window. */
static void dates(struct app *a, struct run *u, const char *today)
{
	int64_t st = 0, en = 0, ref = 0;

	snprintf(u->ref, sizeof u->ref, "%s", strcmp(u->term.ends, today) < 0 ? u->term.ends : today);
	date_parse(u->term.starts, &st);
	date_parse(u->term.ends, &en);
	date_parse(u->ref, &ref);
	u->need = he_screenings_due(st, en, ref, a->policy.vision_screenings_per_term);
	if (u->need < 1)
		u->need = 1;
	date_format(ref - a->policy.as_venue_check_days, u->valid_from, sizeof u->valid_from);
	u->year = te_school_year(st, &a->policy);
}

static void grade_marks(const struct policy *p, int lim[POLICY_MAX_GRADE + 1],
			int floor[POLICY_MAX_GRADE + 1])
{
	for (int g = 0; g <= POLICY_MAX_GRADE; g++) {
		lim[g] = p->hw_written_forbidden[g] ? -1 : p->hw_limit[POLICY_DAY_SCHOOL][g];
		floor[g] = g ? ck_sleep_floor(p, g) : 0;
	}
}

static int load(struct db *db, struct run *u, struct db_err *dbe)
{
	const struct store_svc_scope *s = &u->sc;
	int lim[POLICY_MAX_GRADE + 1], floor[POLICY_MAX_GRADE + 1];
	int end = u->p->as_end_not_before_min;

	grade_marks(u->p, lim, floor);
	if (store_svc_schools(db, s, &u->schools, dbe) ||
	    store_svc_hw_declared(db, s, lim, &u->r[Q_HW], dbe) ||
	    store_svc_hw_reported(db, s, lim, u->p->hw_report_min_families, &u->r[Q_REP], dbe) ||
	    store_svc_grading(db, s, &u->r[Q_GRADING], dbe) ||
	    store_svc_as_term(db, s, &u->r[Q_AS], dbe) ||
	    store_svc_plan_days(db, s, end, &u->r[Q_PLAN], dbe) ||
	    store_svc_held_days(db, s, end, &u->r[Q_HELD], dbe) ||
	    store_svc_staff(db, s, &u->r[Q_STAFF], dbe) ||
	    store_svc_venues(db, s, u->valid_from, u->ref, &u->r[Q_VENUE], dbe) ||
	    store_svc_handover(db, s, &u->r[Q_HAND], dbe) ||
	    store_svc_sleep(db, s, floor, &u->r[Q_SLEEP], dbe) ||
	    store_svc_vision(db, s, u->need, &u->r[Q_VISION], dbe) ||
	    store_svc_ethics(db, s, u->year, &u->r[Q_ETHICS], dbe) ||
	    store_svc_pe(db, s, &u->r[Q_PE], dbe) ||
	    store_svc_satisfaction(db, s, u->p->sv_satisfied_from, &u->r[Q_SAT], dbe))
		return -1;
	/* the exam part's counts: every school's rows, planned or not */
	return store_exam_counts(db, s->district_id, s->term_id, s->school_id, 0, &u->r[Q_EXAM],
				 dbe);
}

static void run_free(struct run *u)
{
	db_res_free(u->schools);
	for (int q = 0; q < Q_N; q++)
		db_res_free(u->r[q]);
}

/* Load the term and every measure for school_id (0: the district): 0, or
 * -1 with e (404 for an unknown term). */
static int run_load(struct app *a, const struct actor *who, int64_t school_id, int64_t term_id,
		    struct run *u, struct app_err *e)
{
	struct db_err dbe = { 0 };
	char today[11];
	struct db *db = app_db_get(a, e);
	int rc;

	if (!db)
		return -1;
	date_format(date_of(time_now(), a->policy.utc_offset_minutes), today, sizeof today);
	rc = store_he_term(db, who->district_id, term_id, today, &u->term, &dbe);
	if (rc == 0) {
		dates(a, u, today);
		u->sc = (struct store_svc_scope){ who->district_id, school_id, u->term.id,
						  u->term.starts, u->term.ends };
		rc = load(db, u, &dbe);
	}
	app_db_put(a, db);
	if (rc < 0)
		return app_db_fail(e, &dbe, who->request_id);
	if (rc == 1)
		return app_fail(e, 404, "NOT_FOUND", "没有这个学期");
	for (int k = 0; k < a->policy.n_sv_items; k++)
		u->rule[k] = first_rule(&a->policy, a->policy.sv_items[k].id);
	return 0;
}

static struct school school_at(const struct run *u, int i)
{
	return (struct school){ db_res_int(u->schools, i, 0), db_res_text(u->schools, i, 2),
				(long)db_res_int(u->schools, i, 3) };
}

/* One school: its items into *out, the term into *t. */
static int computed_one(struct app *a, const struct actor *who, int64_t school_id,
			int64_t term_id, json_t **out, struct store_he_term *t, struct app_err *e)
{
	struct run u = { .p = &a->policy };
	struct school s;

	if (school_id <= 0 || !app_reads_school(who, school_id))
		return app_fail(e, 404, "NOT_FOUND", "没有找到这所学校，或不在您的权限范围内");
	if (run_load(a, who, school_id, term_id, &u, e) != 0) {
		run_free(&u);
		return -1;
	}
	if (db_res_rows(u.schools) != 1) {
		run_free(&u);
		return app_fail(e, 404, "NOT_FOUND", "没有找到这所学校，或不在您的权限范围内");
	}
	s = school_at(&u, 0);
	*out = school_json(&u, &s);
	*t = u.term;
	run_free(&u);
	return 0;
}

int app_sv_computed(struct app *a, const struct actor *who, int64_t school_id, int64_t term_id,
		    json_t **out, struct app_err *e)
{
	struct store_he_term t;

	return computed_one(a, who, school_id, term_id, out, &t, e);
}

int app_sv_computed_all(struct app *a, const struct actor *who, int64_t term_id, json_t **out,
			struct app_err *e)
{
	struct run u = { .p = &a->policy };
	json_t *o;
	char key[24];

	if (who->role != ROLE_DISTRICT_ADMIN && who->role != ROLE_INSPECTOR)
		return app_fail(e, 403, "FORBIDDEN", "只有教育局管理员和督导人员可以查看全区的计算指标");
	if (run_load(a, who, 0, term_id, &u, e) != 0) {
		run_free(&u);
		return -1;
	}
	o = json_object();
	for (int i = 0; o && i < db_res_rows(u.schools); i++) {
		struct school s = school_at(&u, i);

		snprintf(key, sizeof key, "%lld", (long long)s.id);
		json_object_set_new(o, key, school_json(&u, &s));
	}
	run_free(&u);
	*out = o;
	return o ? 0 : app_fail(e, 500, "INTERNAL", "内存不足");
}

/* The items in the pack's order, each with its "id". */
static json_t *as_list(const struct app *a, json_t *items)
{
	json_t *list = json_array();

	for (int k = 0; k < a->policy.n_sv_items; k++) {
		json_t *o = json_deep_copy(json_object_get(items, a->policy.sv_items[k].id));

		json_object_set_new(o, "id", json_string(a->policy.sv_items[k].id));
		json_array_append_new(list, o);
	}
	return list;
}

int app_sv_computed_get(struct app *a, const struct actor *who, int64_t school_id,
			const char *term_id, json_t **out, struct app_err *e)
{
	struct store_he_term t;
	int64_t term = 0;
	json_t *items = NULL;

	if (term_id && *term_id && (app_parse_cursor(term_id, &term) != 0 || term <= 0))
		return app_fail(e, 400, "QUERY_INVALID", "term_id 应为正整数");
	if (computed_one(a, who, school_id, term, &items, &t, e) != 0)
		return -1;
	*out = json_pack("{s:I,s:I,s:s,s:o}", "school_id", (json_int_t)school_id, "term_id",
			 (json_int_t)t.id, "term", t.name, "items", as_list(a, items));
	json_decref(items);
	return 0;
}
