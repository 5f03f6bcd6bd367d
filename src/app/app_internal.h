/* app_internal.h - shared by the src/app/ files only. */
#ifndef SJ_APP_INTERNAL_H
#define SJ_APP_INTERNAL_H

#include "app/app.h"
#include "app/app_batch.h"
#include "store/store.h"

/* Today in the district (the pack's UTC offset) as YYYY-MM-DD. */
void app_today(const struct app *a, char out[11]);

/* Run fn (app_batch.h) inside one write transaction, retrying PostgreSQL
 * serialization failures a bounded number of times. */
int app_tx(struct app *a, app_tx_fn fn, void *ctx, struct app_err *e);

/* The same contract as app_tx, through the group-commit writer: fn runs in
 * its own savepoint within a transaction shared with other waiting use
 * cases; app_tx_group returns once that transaction is durable. fn must not
 * commit, and must not depend on running alone. */
int app_tx_group(struct app *a, app_tx_fn fn, void *ctx, struct app_err *e);
void app_group_stop(struct app *a);

/* Map a store error to an answer: 409/503/507, generic Chinese text; the
 * backend text goes to the log with the request id. */
int app_db_fail(struct app_err *e, const struct db_err *dbe, const char *request_id);

/* A parent's own child: its class, school and grade (each may be NULL);
 * 0, or -1 with 404 NOT_FOUND for a child not theirs. */
int app_child_of(struct app *a, const struct actor *who, int64_t student_id, int64_t *class_id,
		 int64_t *school_id, int *grade, struct app_err *e);
/* A school visible to the actor (its kind into kind) and, when term_id > 0,
 * a term of the district: 0, 1 school not visible, 2 term unknown, -1 error. */
int app_school_term(struct db *db, const struct actor *who, int64_t school_id, int64_t term_id,
		    char *kind, size_t cap, struct db_err *dbe);
/* The same for a school and term named in a request body: 0, or -1 with
 * the answer (404 school, 422 FIELD_INVALID term_id, store error). */
int app_school_term_check(struct app *a, const struct actor *who, int64_t school_id,
			  int64_t term_id, char *kind, size_t cap, struct app_err *e);
/* The grades a school of this kind has: primary 1-6, junior 7-9, nine_year 1-9. */
void app_school_grades(const char *kind, bool g[POLICY_MAX_GRADE + 1]);
/* The district admin, or the school's principal or academic office. */
int app_manages_school(const struct actor *who, int64_t school_id);
/* Those, or an inspector: who may read a school's records. */
int app_reads_school(const struct actor *who, int64_t school_id);
/* The school's managers or any of its teachers by a live staff record
 * (after-school staff on duty): 1 yes, 0 no, -1 store error in dbe. */
int app_on_duty(struct db *db, const struct actor *who, int64_t school_id, struct db_err *dbe);
/* {"items": items, "next_cursor": the last item's "id" as text, or null
 * when fewer than limit came}. */
json_t *app_page(json_t *items, int limit);
/* part / whole as a whole percent (rounded), or JSON null when whole is 0:
 * a rate over nothing is not 0%. */
json_t *app_percent(long part, long whole);
/* 1 when s is NULL, empty or only white space. */
int app_blank(const char *s);
/* A refusal naming the field (details.field); returns -1. */
int app_field_fail(struct app_err *e, int status, const char *code, const char *field,
		   const char *msg);

/* Decode body's scalar fields against f, leaving out the arrays named in
 * skip (NULL-terminated); decoded strings stay valid as long as body. */
int app_decode_scalars(json_t *body, const char *const *skip, const struct jfield *f, size_t n,
		       void *out, struct app_err *e);

/* SHA-256 hex of a string. */
void app_sha256_hex(const char *s, char out[65]);

/* Parse a page size: NULL/"" -> def, else 1..max or -1. */
int app_parse_limit(const char *s, int def, int max);
int app_parse_cursor(const char *s, int64_t *v);

void app_actor_from_user(struct actor *who, const struct store_user *u);

/* The first administrator / demo users: insert c->u into the district named
 * c->district_name (made if missing); with require_empty, only into a store
 * with no users yet. Audited as user.create by the CLI. */
struct init_ctx {
	struct store_user u;
	int64_t id;
	const char *district_name;
	int require_empty;
};
int app_init_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e);

/* Check and hash a new user's fields into *u (422 with details.field). */
int app_fill_new_user(struct store_user *u, int64_t district, const char *username,
		      const char *display, const char *role, const char *password,
		      struct app_err *e);

/* A failed attempt for a login name, real or not (sign-in, activation):
 * the name's count goes up, and at the configured number it is locked;
 * *locked_until then says until when (0: not locked). s: the name's row as
 * held in this transaction (store_signin_name_hold). */
struct store_signin_name;
int app_name_failure(const struct app *a, struct db *db, const char *name,
		     const struct store_signin_name *s, int64_t now, int64_t *locked_until,
		     struct db_err *dbe);
#endif
