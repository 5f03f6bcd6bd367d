/* sv_visit.c - deadlines, overdue notices and C items of supervision
 * visits (seed 六; SV_RECTIFY, SV_EVIDENCE, SV_ITEM). */
#include "core/sv_visit.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <string.h>

const char *const sv_notice_status_ids[] = { "open", "answered", "closed", NULL };
const char *const sv_result_ids[] = { "rectified", "not_rectified", NULL };

/* SV_ITEM: the annex's table, indicators[].b[].c[] of the pack. */
const char *sv_item_text(const struct policy *p, const char *id)
{
	json_t *as = p->raw ? json_object_get(p->raw, "indicators") : NULL, *a, *b, *c;
	size_t i, j, k;

	if (!id)
		return NULL;
	json_array_foreach(as, i, a) {
		json_array_foreach(json_object_get(a, "b"), j, b) {
			json_array_foreach(json_object_get(b, "c"), k, c) {
				const char *cid = json_string_value(json_object_get(c, "id"));
				const char *fix = json_string_value(json_object_get(c, "corrected"));

				if (cid && strcmp(cid, id) == 0)
					return fix ? fix : json_string_value(json_object_get(c, "text"));
			}
		}
	}
	return NULL;
}

/* SV_RECTIFY: 六 限期整改; the days from the pack. */
int sv_deadline(const struct policy *p, const char *issued_on, int days, char out[11])
{
	int64_t d;

	if (days == 0)
		days = p->sv_rectify_default_days;
	if (days < 1 || days > p->sv_rectify_max_days || date_parse(issued_on, &d) != 0)
		return -1;
	date_format(d + days, out, 11);
	return 0;
}

/* SV_RECTIFY: the deadline day is in time; the day after, an unclosed
 * notice is overdue. */
bool sv_overdue(const char *deadline, const char *status, const char *today)
{
	return strcmp(status, "closed") != 0 && strcmp(today, deadline) > 0;
}

/* SV_EVIDENCE */
bool sv_evidence_fits(const struct policy *p, size_t len)
{
	return len <= (size_t)p->sv_evidence_max_kb * 1024;
}
