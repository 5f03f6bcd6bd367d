/* policy.h - the policy pack: every number of the plan, as data.
 *
 * A pack is one JSON file (policy/xinrong-2021.json is the first). It holds the
 * grade bands, each rule with its code, clause and parameters, the errata of
 * the published text, and the indicator table (6 A, 30 B, 85 C items).
 *
 * policy_parse() validates the whole pack and fills a struct policy. A bad pack
 * is refused with a message that names the file and the field path
 * (e.g. "policy/x.json: rules.HW_DAILY_LIMIT.params.minutes.junior: ...").
 * The struct owns a reference to the parsed JSON (`raw`), which
 * GET /api/v1/policy returns as is; policy_free() releases it.
 *
 * Code reads numbers only through this struct: no policy number is a constant
 * in C code.
 */
#ifndef SJ_POLICY_H
#define SJ_POLICY_H

#include <stdbool.h>
#include <stddef.h>
#include <jansson.h>

#define POLICY_MAX_GRADE 9
#define POLICY_MAX_BANDS 8
#define POLICY_MAX_KEYWORDS 32
#define POLICY_MAX_LADDER 16
/* The exam kinds a pack may name (EX_FORBIDDEN_KIND), NULL-terminated:
 * final 期末, midterm 期中, unit 单元, monthly 月考. */
extern const char *const policy_exam_kinds[];
#define POLICY_MAX_SUBJECTS 32
#define POLICY_MAX_SV_ITEMS 32

/* Day kinds used by the off-day homework limit. */
enum policy_day_kind {
	POLICY_DAY_SCHOOL = 0,
	POLICY_DAY_WEEKEND,
	POLICY_DAY_HOLIDAY,  /* 法定节假日 */
	POLICY_DAY_VACATION, /* 寒暑假 */
	POLICY_DAY_KINDS
};

struct policy_band {
	char id[32];   /* "lower_primary", "upper_primary", "junior" */
	char name[64]; /* 小学低段 ... */
	int grade_lo, grade_hi;
};

/* Satisfaction surveys (core/survey.h; SV_SURVEY, SV_MIN_GROUP): one
 * template per group, questions answered on the pack's scale or in words. */
#define POLICY_SV_GROUPS 3    /* parent 家长, student 学生, teacher 教师 */
#define POLICY_SV_MIN_Q 5
#define POLICY_SV_MAX_Q 10
#define POLICY_SV_MAX_SCALE 7
struct policy_sv_question {
	char id[16];     /* "p1" ... unique in its template */
	char text[256];
	bool words;      /* answered in words (free text), not on the scale */
	bool required;
};
struct policy_sv_template {
	char group[16];  /* parent, student, teacher */
	char name[64];   /* 家长满意度问卷 */
	struct policy_sv_question q[POLICY_SV_MAX_Q];
	int nq;
};

struct policy {
	char id[64];        /* "xinrong-2021" */
	char title[512];
	char district[128];
	char timezone[64];  /* "Asia/Shanghai" */
	int utc_offset_minutes; /* 480 */

	struct policy_band bands[POLICY_MAX_BANDS];
	int nbands;
	int band_of_grade[POLICY_MAX_GRADE + 1]; /* index into bands, -1 for 0 */

	/* Homework, minutes per grade (index 1..9). */
	bool hw_written_forbidden[POLICY_MAX_GRADE + 1];         /* HW_WRITTEN_G12 */
	int hw_limit[POLICY_DAY_KINDS][POLICY_MAX_GRADE + 1];    /* HW_DAILY_LIMIT, HW_OFFDAY_LIMIT */
	int hw_noncompletion_count;        /* HW_NONCOMPLETION: 3 ... */
	int hw_noncompletion_window_days;  /* ... in 10 school days */
	int hw_report_min_families;        /* averages shown from 5 reports */
	char hw_parent_keywords[POLICY_MAX_KEYWORDS][64]; /* HW_PARENT */
	int hw_parent_nkeywords;

	/* After-school service. */
	int as_min_days_per_week;   /* AS_FIVE_DAYS */
	int as_end_not_before_min;  /* AS_END_TIME, minutes after midnight (17:30 -> 1050) */
	int as_max_weekend_days;    /* AS_WEEKEND */
	bool as_evening_allowed[POLICY_MAX_GRADE + 1]; /* AS_EVENING_JUNIOR */
	int as_handover_alert_min;  /* AS_HANDOVER */
	int as_venue_check_days;    /* AS_VENUE_CHECK: days a passed safety check lasts */
	char as_new_lesson_keywords[POLICY_MAX_KEYWORDS][64]; /* AS_NO_NEW_LESSON */
	int as_new_lesson_nkeywords;

	/* Public reports and teacher ethics (core/report.h). */
	int rp_answer_days;      /* RP_ANSWER_DEADLINE */
	int rp_per_ip_per_hour;  /* RP_RATE_LIMIT */
	int rp_max_files;        /* RP_EVIDENCE */
	int rp_max_bytes;
	int rp_upload_hours;
	bool te_veto;            /* TE_PAID_TUTORING */
	char te_finding[64];     /* the finding that vetoes: 在职教师有偿补课 */
	int te_year_start_month; /* the school year starts in this month (9) */
	/* Off-campus training institutions (registry, part A). */
	int ti_prepay_months;        /* TI_PREPAY_CAP: one charge covers at most 3 months, */
	int ti_prepay_lessons;       /* ... 60 lessons, */
	long ti_prepay_fen;          /* ... and ¥5000 (in fen) */
	char ti_checklist[POLICY_MAX_KEYWORDS][64]; /* TI_STANDARDS: the published checklist */
	int ti_nchecklist;

	/* Exams. */
	bool ex_paper_forbidden[POLICY_MAX_GRADE + 1]; /* EX_G12_PAPER */
	int ex_finals_per_term;                        /* EX_FINAL_ONCE */
	int ex_midterms_per_term[POLICY_MAX_GRADE + 1];/* EX_MIDTERM */
	/* EX_FORBIDDEN_KIND: exam kinds a school may not organise at all (unit
	 * tests 单元考试, monthly tests 月考), from POLICY_EXAM_KINDS less final
	 * and midterm, which have their own rules. */
	char ex_forbidden_kinds[POLICY_MAX_LADDER][64];
	int ex_nforbidden_kinds;
	/* EX_NO_RANKING: the grade levels results are given in, best first. */
	char ex_levels[POLICY_MAX_LADDER][64];
	int ex_nlevels;

	/* Five managements and health. */
	int sleep_hours_primary, sleep_hours_junior, sleep_hours_senior, sleep_hours_floor; /* MG_SLEEP */
	int sleep_max_hours;           /* MG_SLEEP: a reported night longer than this is refused */
	int sleep_wake_default_min;    /* MG_SLEEP_FEASIBLE: wake time when the school set none */
	int sleep_travel_default_min;  /* MG_SLEEP_FEASIBLE: way home when the school set none */
	int pe_daily_minutes;          /* MG_PE_DAILY */
	int eye_exercises_per_day;     /* MG_EYE_EXERCISES */
	int vision_screenings_per_term;/* MG_VISION_SCREENING */
	/* Health (core/health.h): values with one decimal are held in tenths. */
	int vision_min_tenths, vision_max_tenths; /* MG_VISION_SCREENING: 5-point scale, 30..53 */
	int vision_myopia_below_tenths;           /* ... an eye below this is poor vision (50) */
	int fitness_max_tenths;                   /* MG_FITNESS: total with bonus, 1200 */
	int fitness_excellent_tenths, fitness_good_tenths, fitness_pass_tenths; /* 900, 800, 600 */

	/* Supervision (督导, 六 and the annex; core/supervision.h). */
	struct policy_sv_level {
		char key[32];  /* "met", "partly", "not_met" (SV_SCALE) */
		char name[64]; /* 达标 ... */
		int points;    /* 100, 60, 0 */
	} sv_scale[POLICY_MAX_LADDER];
	int sv_nscale;
	int sv_weight_default;    /* SV_WEIGHTS: an item's weight unless listed */
	int sv_special_threshold; /* SV_SPECIAL: a total below this is listed */
	int sv_evidence_files;    /* SV_EVIDENCE: files per item of a self-assessment */
	int sv_evidence_max_kb;   /* ... each at most this many KB */

	char ti_ladder[POLICY_MAX_LADDER][64]; /* TI_PENALTY: the measures, in order */
	int ti_nladder;
	int ti_max_amount_yuan;  /* TI_PENALTY: an amount above this is refused */
	int ti_evidence_max_kb;  /* TI_SWEEP: one evidence file at most */

	/* Issue 12: rules that let a school through where the plan does not. */
	int as_max_gap_min;  /* AS_COVERAGE: longest break allowed from dismissal on */
	struct policy_subject {
		char name[32];   /* 物理 */
		int grade_lo, grade_hi; /* taught in these grades (8..9) */
	} hw_subjects[POLICY_MAX_SUBJECTS]; /* HW_SUBJECT_GRADE: the curriculum */
	int hw_nsubjects;
	bool hw_count_optional;   /* HW_OPTIONAL: 选做 written minutes count toward the limit */
	int hw_optional_limit[POLICY_MAX_GRADE + 1]; /* ... and are capped per class-day */
	int hw_difficulty_sample;  /* HW_DIFFICULTY: items a head checks against 课标 a week */
	/* Satisfaction surveys (issue 15, part SD). */
	int sv_min_group;                 /* SV_MIN_GROUP: results shown from 5 answers */
	int svy_scale[POLICY_SV_MAX_SCALE]; /* SV_SURVEY: the scale's values, best first */
	char svy_scale_names[POLICY_SV_MAX_SCALE][32];
	int svy_nscale;
	int sv_satisfied_from;            /* a value counted as satisfied: >= this */
	int sv_text_max;                  /* characters of a free-text answer */
	struct policy_sv_template sv_templates[POLICY_SV_GROUPS];
	int sv_ntemplates;
	/* Supervision visits and rectification (issue 15, part SC; core/sv_visit.h). */
	int sv_rectify_default_days; /* SV_RECTIFY: a notice's deadline, days after issue */
	int sv_rectify_max_days;     /* ... and the longest one allowed */
	/* SV_EVIDENCE: sv_evidence_max_kb (with the supervision block above) bounds
	 * a visit's or a rectification's file too */
	/* ---- end of part SC ---- */

	/* Counts in the indicator table, filled by the parser. */
	int n_a, n_b, n_c;

	/* Supervision, computed items (issue 15 part SB): each computable C
	 * item's "computed" block — the measure the platform computes for it
	 * and the pass marks of the verdict (met at or past met, partly at or
	 * past partly, else not_met; "better": "lower" turns the comparison). */
	struct policy_sv_item {
		char id[16];      /* "B10.2" */
		char measure[32]; /* one of policy_sv_measures */
		char unit[16];    /* "%", "起" */
		bool lower;       /* lower values are better (counts of cases) */
		int met, partly;
	} sv_items[POLICY_MAX_SV_ITEMS];
	int n_sv_items;

	json_t *raw; /* the whole pack, owned; returned by GET /api/v1/policy */
};

/* Parse and validate a pack held in memory. `name` is used in messages (the
 * file path). On success returns 0 and fills *out (call policy_free later).
 * On failure returns -1, writes "<name>: <field path>: <中文 reason>" into
 * err (NUL-terminated, truncated to errlen) and leaves *out empty. */
int policy_parse(const char *text, size_t len, const char *name,
		 struct policy *out, char *err, size_t errlen);

/* Read the file at path and policy_parse() it. Same contract. */
int policy_load_file(const char *path, struct policy *out, char *err, size_t errlen);

/* Release what policy_parse() allocated. Safe on a zeroed struct. */
void policy_free(struct policy *p);

/* The rule's clause text (e.g. "五(二)2; B10.2") or NULL if the code is not in
 * the pack. Pointer into p->raw, valid until policy_free(). */
const char *policy_rule_clause(const struct policy *p, const char *code);

/* The kinds of record an indicator the system can judge is judged from
 * (an item's "records"): homework, reported_time, grading, followup,
 * as_plan, as_applications, exam, survey, vision_screening, pe.
 * NULL-terminated. Which of them the platform keeps today is the app's
 * (app_records_kept). */
extern const char *const policy_record_ids[];
/* SV_WEIGHTS: the weight of a B or C item ("B10", "B10.2"): its entry in
 * params.items, else params.default. */
int policy_sv_weight(const struct policy *p, const char *id);
/* The measures a computed item's "computed.measure" may name (issue 15 SB;
 * app_sv_computed computes each). NULL-terminated. */
extern const char *const policy_sv_measures[];
/* The computed block of C item id, or NULL when the item is not computable. */
const struct policy_sv_item *policy_sv_item(const struct policy *p, const char *id);

/* The band index (into p->bands) of a grade 1..9, or -1. */
int policy_band_of(const struct policy *p, int grade);

#endif
