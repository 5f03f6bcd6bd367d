/* survey.c - satisfaction survey rules (survey.h). */
#include "core/survey.h"

#include <string.h>

static const char *const group_ids[SV_NGROUPS] = { "parent", "student", "teacher" };
static const char *const group_names[SV_NGROUPS] = { "家长", "学生", "教师" };

int sv_group_parse(const char *s)
{
	for (int g = 0; s && g < SV_NGROUPS; g++)
		if (!strcmp(s, group_ids[g]))
			return g;
	return -1;
}

const char *sv_group_id(enum sv_group g)
{
	return (unsigned)g < SV_NGROUPS ? group_ids[g] : "";
}

const char *sv_group_name(enum sv_group g)
{
	return (unsigned)g < SV_NGROUPS ? group_names[g] : "";
}

const struct policy_sv_template *sv_template_of(const struct policy *p, enum sv_group g)
{
	for (int i = 0; i < p->sv_ntemplates; i++)
		if (!strcmp(p->sv_templates[i].group, sv_group_id(g)))
			return &p->sv_templates[i];
	return NULL;
}

void sv_scale_of(const struct policy *p, struct sv_scale *s)
{
	memset(s, 0, sizeof *s);
	for (int i = 0; i < p->svy_nscale && i < POLICY_SV_MAX_SCALE; i++)
		s->values[s->n++] = p->svy_scale[i];
	s->satisfied_from = p->sv_satisfied_from;
	s->text_max = p->sv_text_max;
}

bool sv_on_scale(const struct sv_scale *s, int v)
{
	for (int i = 0; i < s->n; i++)
		if (s->values[i] == v)
			return true;
	return false;
}

/* SV_NOT_OPEN, SV_CLOSED: both ends are days the survey is open. */
enum sv_window sv_window_of(int64_t opens, int64_t closes, int64_t today)
{
	if (today < opens)
		return SV_BEFORE;
	if (today > closes)
		return SV_AFTER;
	return SV_OPEN;
}

static const char *one_problem(const struct sv_scale *s, const struct policy_sv_question *q,
			       const struct sv_given *g)
{
	bool present = g->present && (g->number || g->chars > 0);

	if (!present)
		return q->required ? "SV_ANSWER_MISSING" : NULL;
	if (!q->words && (!g->number || !sv_on_scale(s, g->value)))
		return "SV_ANSWER_SCALE";
	if (q->words && (g->number || g->chars > (size_t)s->text_max))
		return "SV_ANSWER_TEXT";
	return NULL;
}

void sv_check_answers(const struct sv_scale *s, const struct policy_sv_template *t,
		      const struct sv_given *given, struct sv_problem *out)
{
	out->code = NULL;
	out->q = -1;
	for (int k = 0; k < t->nq; k++) {
		const char *c = one_problem(s, &t->q[k], &given[k]);

		if (c) {
			out->code = c;
			out->q = k;
			return;
		}
	}
}

/* SV_MIN_GROUP: B18.3, B30.2 - results only from min_answers. */
bool sv_suppressed(const struct policy *p, long n)
{
	return n < p->sv_min_group;
}

int sv_score_tenths(long satisfied, long total)
{
	if (total <= 0)
		return -1;
	return (int)((satisfied * 1000 + total / 2) / total);
}
