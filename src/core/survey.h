/* survey.h - satisfaction surveys (DOMAIN.md "After-school service" B18 and
 * "Supervision"; seed annex B18.3 家长、学生和教师满意度, B30.2 师生、家长
 * 对学校办学质量的满意度; the pack's SV_SURVEY and SV_MIN_GROUP).
 *
 * Pure functions of plain structs: no clock, no I/O. Days are days since
 * the epoch. Every refusal names its rule code:
 *   SV_NOT_OPEN / SV_CLOSED  an answer before the survey's first day or
 *                     after its last (both days included);
 *   SV_ANSWER_MISSING a required question left out;
 *   SV_ANSWER_SCALE   a scale question answered off the published scale;
 *   SV_ANSWER_TEXT    a free-text answer that is not text or is longer than
 *                     the pack's text_max characters;
 *   SV_MIN_GROUP      a group with fewer answers than the pack's
 *                     min_answers (5) is suppressed: no score, no counts per
 *                     question, so no one's answer can be inferred. */
#ifndef SJ_SURVEY_H
#define SJ_SURVEY_H

#include "policy/policy.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum sv_group { SV_PARENT = 0, SV_STUDENT, SV_TEACHER, SV_NGROUPS };

/* "parent", "student", "teacher" -> the group, or -1. */
int sv_group_parse(const char *s);
const char *sv_group_id(enum sv_group g);   /* parent, student, teacher */
const char *sv_group_name(enum sv_group g); /* 家长, 学生, 教师 */
/* The pack's template of a group, or NULL. */
const struct policy_sv_template *sv_template_of(const struct policy *p, enum sv_group g);

/* The scale a survey was published with (a copy of the pack's, kept with the
 * survey so a later pack does not change what an answer meant). */
struct sv_scale {
	int values[POLICY_SV_MAX_SCALE];
	int n, satisfied_from, text_max;
};
void sv_scale_of(const struct policy *p, struct sv_scale *s);
bool sv_on_scale(const struct sv_scale *s, int v);

/* SV_NOT_OPEN / SV_CLOSED: where today lies against [opens, closes]. */
enum sv_window { SV_OPEN = 0, SV_BEFORE, SV_AFTER };
enum sv_window sv_window_of(int64_t opens, int64_t closes, int64_t today);

/* What one person gave for question k of a template (given[k]): present,
 * a number (value) or text (chars: its length in characters). */
struct sv_given {
	bool present, number;
	int value;
	size_t chars;
};
/* The first problem of a set of answers: code NULL when none, else the rule
 * code above and the question's index in q. */
struct sv_problem {
	const char *code;
	int q;
};
void sv_check_answers(const struct sv_scale *s, const struct policy_sv_template *t,
		      const struct sv_given *given, struct sv_problem *out);

/* SV_MIN_GROUP: 1 when a group of n answers is suppressed. */
bool sv_suppressed(const struct policy *p, long n);
/* The satisfied share (answers >= satisfied_from among scale answers) in
 * tenths of a percent, rounded half up: 4 of 5 -> 800; -1 over nothing. */
int sv_score_tenths(long satisfied, long total);

#endif
