/* app.h - use cases. Each write is one transaction that includes its audit
 * row; each calls core for a verdict and store for the data.
 *
 * Errors come back as struct app_err: an HTTP-like status, a stable code, a
 * Chinese message and optional details (owned; freed by app_err_clear). */
#ifndef SJ_APP_H
#define SJ_APP_H

#include "core/roles.h"
#include "policy/policy.h"
#include "store/db.h"
#include "util/jfields.h"

#include <jansson.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

struct app_config {
	int busy_timeout_ms;     /* 5000 */
	int sync_normal;         /* 0: synchronous=FULL */
	int pool_size;           /* connections kept */
	int session_idle_s;      /* 1800 */
	int lock_after_failures; /* 5 */
	int lock_seconds;        /* 900 */
	int activation_days;     /* 14: how long a one-time activation code works */
	int retries;             /* PostgreSQL serialization retries: 5 */
};

struct app {
	enum db_kind kind;
	char target[1024];
	struct app_config cfg;
	struct policy policy;
	char policy_name[256];
	int64_t district_id; /* the district of this install (first one) */

	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct db **idle;
	int nidle, nopen;
	struct app_group *group; /* the group-commit writer, started on first use */
	struct notice_cache *notices; /* public notices as last built (notice_cache.h) */
};

/* Who is acting: filled by authentication, or by the CLI. */
struct actor {
	int64_t user_id, district_id, school_id;
	enum role role;
	char username[64];
	char display_name[256];
	char request_id[40];
	char ip[64];
	char session_hash[65]; /* empty for bearer tokens and the CLI */
	char csrf[65];
	bool via_token;
};

struct app_err {
	int status;
	const char *code;
	char message[256];
	json_t *details;
	int retry_after; /* seconds, 0 = none */
};

void app_err_clear(struct app_err *e);
/* Fill e; returns -1 so callers can `return app_fail(...)`. */
int app_fail(struct app_err *e, int status, const char *code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

void app_config_defaults(struct app_config *c);

/* Open the store (migrating it) and load the policy pack: policy_path NULL
 * means the pack built into the binary. Returns 0 or -1 with a message. */
int app_open(struct app *a, enum db_kind kind, const char *target, const char *policy_path,
	     const struct app_config *cfg, char *msg, size_t cap);
void app_close(struct app *a);

/* Borrow and return a connection. app_db_get may return NULL (e filled). */
struct db *app_db_get(struct app *a, struct app_err *e);
void app_db_put(struct app *a, struct db *db);

/* 2*nbytes random hex characters and a NUL into out (nbytes <= 64). */
void app_random_hex(char *out, size_t nbytes);

/* Health: the store answers. */
int app_health(struct app *a, struct app_err *e);

/* Sign-in. On success fills *who and token_out (the session cookie value,
 * 64 hex + NUL). Refusals: 401 AUTH_FAILED (unknown user and wrong password
 * alike), 429 AUTH_LOCKED. Every attempt is audited. */
int app_sign_in(struct app *a, const char *username, const char *password, const char *ip,
		const char *request_id, struct actor *who, char token_out[65], struct app_err *e);
/* Authenticate a session cookie / bearer token. 0 ok, 1 not valid, -1 error. */
int app_session_auth(struct app *a, const char *token, struct actor *who, struct app_err *e);
int app_bearer_auth(struct app *a, const char *token, struct actor *who, struct app_err *e);
int app_sign_out(struct app *a, const struct actor *who, struct app_err *e);
/* Record a refused request (rate limit, CSRF, role) in the audit trail. */
void app_audit_refusal(struct app *a, const struct actor *who, const char *action,
		       const char *reason);

/* JSON of a user as the API shows it. New reference. */
json_t *app_user_json(const struct actor *who);

/* Users. */
struct user_in {
	const char *username, *display_name, *role, *password;
	int64_t school_id;
};
extern const struct jfield user_in_fields[];
extern const size_t user_in_nfields;
int app_user_create(struct app *a, const struct actor *who, const struct user_in *in,
		    json_t **out, struct app_err *e);
/* A school's principal or academic office lists its school's accounts only
 * (school_id is theirs whatever is asked). */
int app_user_list(struct app *a, const struct actor *who, const char *role, const char *q,
		  const char *school_id, const char *cursor, const char *limit, json_t **out,
		  struct app_err *e);

/* Audit trail (district admin, inspector). Dates are district-local; NULL
 * or "" leaves a filter out. */
struct table;
struct audit_filter {
	const char *action, *actor, *from, *to;
};
int app_audit_list(struct app *a, const struct actor *who, const struct audit_filter *f,
		   const char *cursor, const char *limit, json_t **out, struct app_err *e);
/* The same rows, newest first, at most APP_AUDIT_EXPORT_MAX, as a table for
 * .xlsx (时间, 操作人, 角色, 操作, 操作代码, 对象, 对象代码, 结果, 结果代码,
 * 请求编号, 序号); the export writes its own audit row. */
#define APP_AUDIT_EXPORT_MAX 20000
int app_audit_table(struct app *a, const struct actor *who, const struct audit_filter *f,
		    struct table *out, struct app_err *e);
/* A stored result in words: 成功, a rule's title from the pack, 已拒绝 … */
const char *app_audit_result_name(struct app *a, const char *result);

/* CLI use cases. */
int app_init_admin(struct app *a, const char *username, const char *display_name,
		   const char *password, struct app_err *e);
int app_token_create(struct app *a, const char *username, const char *name, char token_out[80],
		     struct app_err *e);
/* A user made from the command line before anyone signs in (the first
 * administrator, the demo's sign-ins): into the district named by the pack,
 * made if missing, and a->district_id set to it. first: only into a store
 * with no users yet (409 ALREADY_INITIALISED). 422 FIELD_INVALID /
 * PASSWORD_WEAK (details.field), 409 USERNAME_TAKEN. Audited user.create by
 * cli:init. */
int app_init_user(struct app *a, const char *username, const char *display_name,
		  const char *role, const char *password, int64_t school_id, bool first,
		  struct app_err *e);
int app_backup(struct app *a, const char *out_path, struct app_err *e);
/* The actor for a command-line use case run as a district administrator:
 * the named user, or the district's first administrator when name is NULL. */
int app_cli_admin(struct app *a, const char *name, struct actor *who, struct app_err *e);
int app_audit_verify(struct app *a, int64_t *rows, char *msg, size_t cap, struct app_err *e);

/* The kinds of record (policy_record_ids) the platform keeps today:
 * homework, reported_time, grading, followup, as_plan, as_applications.
 * An indicator whose records are all kept can be judged from the system's
 * data; the others (exams, surveys, screenings, PE) cannot yet. */
extern const char *const app_records_kept[];
/* GET /api/v1/policy: the pack as loaded, with "records_kept" added. A new
 * reference (the caller decrefs); NULL when out of memory. */
json_t *app_policy_json(const struct app *a);

#endif
