/* app_checkin.h - the five managements 五项管理 (issue 14, part CK;
 * DOMAIN.md "Five managements", seed 五(四)5, B21, B22): parents' weekly
 * check-ins of sleep, phone and reading, each school's phone rules and
 * sleep settings, the latest feasible bedtime per class and school day,
 * and the school and district figures.
 *
 * Who: a parent checks in for their own children only (another child
 * answers 404). A school's managers (district admin, its principal and
 * academic office) record its phone rules and sleep settings; anyone who
 * sees the school reads them. The figures are for the district admin and
 * the inspector (every school) and a school's principal and academic office
 * (their own); they hold counts and averages per class, never a named
 * child. */
#ifndef SJ_APP_CHECKIN_H
#define SJ_APP_CHECKIN_H

#include "app/app.h"
#include "util/table.h"

/* POST /api/v1/checkins {student_id, week ("2026-W11" or the Monday's
 * date), bedtime "HH:MM", wake_time "HH:MM", phone_minutes, reading_minutes
 * (0..1440 each)}: 201 {id, student_id, week, week_start, bedtime,
 * wake_time, sleep_minutes, under_floor, floor_minutes, phone_minutes,
 * reading_minutes, replaced (the id of the check-in it replaced, or
 * null)}. One live check-in per child and week: a second replaces the
 * first, which is kept. Refusals, nothing stored: 404 NOT_FOUND (not the
 * parent's child), 422 MG_CHECKIN_WEEK (not an ISO week or Monday, or a
 * week not begun), MG_CHECKIN_TIME, MG_SLEEP_RANGE (negative or above the
 * pack's max_hours) with details {field, rule, clause}, FIELD_* for the
 * rest. Audited checkin.create. */
int app_ck_checkin(struct app *a, const struct actor *who, json_t *body, json_t **out,
		   struct app_err *e);
/* GET /api/v1/checkins?student_id= (the parent): {student_id, week (this
 * ISO week), week_start, floor_minutes, items: the child's live check-ins
 * newest first (at most 20; versions counts the replaced ones), prefill:
 * the newest one's answers or null}. */
int app_ck_checkins(struct app *a, const struct actor *who, const char *student_id,
		    json_t **out, struct app_err *e);

/* GET /api/v1/schools/{id}/phone-rules and …/sleep-settings: {school_id,
 * version (0: never recorded), phones: {handed_in, kept, calls, note},
 * sleep: {wake_time, travel_minutes (null: the pack's default),
 * default_wake_time, default_travel_minutes}, clause, updated_at}. */
int app_ck_settings_get(struct app *a, const struct actor *who, int64_t school_id, json_t **out,
			struct app_err *e);
/* PUT …/phone-rules {handed_in, kept, calls, note?} (MG_PHONES: 手机进校
 * 统一保管, where they are kept, who may call home) and PUT
 * …/sleep-settings {wake_time: "HH:MM" | null, travel_minutes: 0..600 |
 * null}: a new version of the school's settings (the other half is kept as
 * it was); 200 as the GET. Managers of the school only (404 for others).
 * Audited school.phone_rules / school.sleep_settings. */
int app_ck_phone_rules_put(struct app *a, const struct actor *who, int64_t school_id,
			   json_t *body, json_t **out, struct app_err *e);
int app_ck_sleep_settings_put(struct app *a, const struct actor *who, int64_t school_id,
			      json_t *body, json_t **out, struct app_err *e);

/* GET /api/v1/schools/{id}/five-managements?term_id= (the term in force
 * when absent): {school_id, term_id, term, weeks: {from, to}, sleep,
 * phones, reading, bedtime}. sleep: per class the students with check-ins
 * and how many of them sleep under their level's floor on average
 * (MG_SLEEP), never who; phones and reading: averages per class of the
 * weekly check-ins, with the school's phone rules; bedtime: per class the
 * school days of the term up to today whose after-school service end +
 * homework (the parents' reported average once HW_REPORTED_AVERAGE's
 * families reported, else the declared written minutes) + the way home
 * is later than the floor allows before the wake time (MG_SLEEP_FEASIBLE),
 * with the flagged class-days. */
int app_ck_figures(struct app *a, const struct actor *who, int64_t school_id,
		   const char *term_id, json_t **out, struct app_err *e);
/* GET /api/v1/five-managements?term_id= (district admin, inspector): per
 * school the students with check-ins, under the floor, phone and reading
 * averages, and the district's totals. */
int app_ck_district(struct app *a, const struct actor *who, const char *term_id, json_t **out,
		    struct app_err *e);
/* The same as a table for GET /api/v1/five-managements.xlsx. */
int app_ck_district_table(struct app *a, const struct actor *who, const char *term_id,
			  struct table *t, struct app_err *e);
extern const char *const ck_export_header[];
extern const size_t ck_export_ncols;

/* health figures (activity, fitness, vision) are another part's: its
 * app_health_figures adds them to the five-managements answer. */

#endif
