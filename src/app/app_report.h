/* app_report.h - public reports (举报) and teacher ethics (师德师风): use
 * cases. Rules in core/report.h, SQL in store/store_report.h. Each write is
 * one transaction with its audit row.
 *
 * Who sees what: the bureau (district admin; inspector reads) every report
 * of the district, with the reporter's contact; enforcement the reports
 * routed to education, market regulation or public security; a principal or
 * academic office the reports routed to their school. The public, with a
 * receipt code, sees status and outcome only: never the notes, the contact
 * or the text. A report not visible answers 404. */
#ifndef SJ_APP_REPORT_H
#define SJ_APP_REPORT_H

#include "app/app.h"

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

struct table;

/* File a report: body {target_kind, target, text, contact?, school_id?}.
 * who is the public (role NONE, its address in who->ip) or a signed-in
 * parent (the report records the user). 201 {receipt_code, status, due_on}
 * — the code is shown once and only its hash is kept. Refusals: 422
 * FIELD_* (details.field), 422 FIELD_INVALID school_id, 429 RP_RATE_LIMIT
 * (more than the pack's reports from one address in an hour; Retry-After);
 * nothing stored on any refusal. Audited report.create. */
int app_report_file(struct app *a, const struct actor *who, json_t *body, json_t **out,
		    struct app_err *e);

/* What the reporter sees with the code: status, outcome, reply, dates.
 * 404 RP_CODE_UNKNOWN for a wrong or malformed code. */
int app_report_lookup(struct app *a, const char *code, json_t **out, struct app_err *e);

/* Evidence by the reporter: a photo or PDF (type from content), within the
 * pack's hours after filing, at most its number of files and bytes. 404
 * RP_CODE_UNKNOWN, 415 RP_EVIDENCE_TYPE, 413 RP_EVIDENCE_SIZE, 422
 * RP_EVIDENCE_COUNT / RP_EVIDENCE_LATE; nothing stored on a refusal.
 * Audited report.evidence. */
int app_report_evidence_add(struct app *a, const struct actor *who, const char *code,
			    const char *file_name, const void *data, size_t len, json_t **out,
			    struct app_err *e);

/* The queue (filters NULL for all; overdue "1": only overdue ones; q a
 * text in the target or the report), paged. */
int app_report_list(struct app *a, const struct actor *who, const char *status,
		    const char *kind, const char *overdue, const char *q, const char *cursor,
		    const char *limit, json_t **out, struct app_err *e);
/* One report with its steps and evidence (404 when not visible). */
int app_report_get(struct app *a, const struct actor *who, int64_t id, json_t **out,
		   struct app_err *e);
/* One evidence file's bytes (malloc'd) and type, for who may see the report. */
int app_report_evidence_get(struct app *a, const struct actor *who, int64_t id,
			    int64_t evidence_id, void **data, size_t *len, char mime[32],
			    struct app_err *e);

/* Steps by the district admin. route {to: education|market|police|school,
 * school_id? (required for school when the report names none), note?};
 * answer {outcome, reply, finding?, staff_id?, note?} — a proven paid-tutoring
 * finding about a teacher (TE_PAID_TUTORING) needs staff_id and records the
 * veto for the school year; close {note?}. A step out of order answers 409
 * RP_STEP_ORDER. Audited report.route / report.answer / report.close. */
int app_report_step(struct app *a, const struct actor *who, int64_t id, const char *step,
		    json_t *body, json_t **out, struct app_err *e);

/* Counts by kind and by outcome, overdue and total (bureau). */
int app_report_stats(struct app *a, const struct actor *who, json_t **out, struct app_err *e);
/* The visible queue as rows of rp_export_header (an .xlsx export; audited). */
extern const char *const rp_export_header[];
extern const size_t rp_export_ncols;
int app_report_table(struct app *a, const struct actor *who, struct table *t,
		     struct app_err *e);

/* The district's school names, for the public form: {items:[{id,name}]}. */
int app_report_schools(struct app *a, json_t **out, struct app_err *e);

/* ---- teacher ethics ---- */

/* Open a record directly (district admin; principal for own staff): body
 * {staff_id, finding, evidence_note}. The pack's paid-tutoring finding
 * vetoes (TE_PAID_TUTORING). 409 ETHICS_EXISTS when the teacher already has
 * an active record this school year. Audited ethics.create. */
int app_ethics_create(struct app *a, const struct actor *who, json_t *body, json_t **out,
		      struct app_err *e);
/* Records: the bureau all (school_id filter), a principal its school's; with
 * {school_year, vetoed_count} for a school. year NULL: this school year. */
int app_ethics_list(struct app *a, const struct actor *who, const char *school_id,
		    const char *year, json_t **out, struct app_err *e);
/* A teacher's own records. */
int app_ethics_mine(struct app *a, const struct actor *who, json_t **out, struct app_err *e);
/* Withdraw a record with a reason (district admin), never delete. 409
 * ETHICS_WITHDRAWN when already withdrawn. Audited ethics.withdraw. */
int app_ethics_withdraw(struct app *a, const struct actor *who, int64_t id, json_t *body,
			json_t **out, struct app_err *e);
/* Teachers of a school with a veto in a school year (the indicator table). */
int app_ethics_vetoed_count(struct app *a, int64_t school_id, int school_year, int64_t *n,
			    struct app_err *e);

#endif
