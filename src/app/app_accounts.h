/* app_accounts.h - accounts for a whole district: provisioning from the
 * records with one-time activation codes, activation, a person's own
 * password, sessions and children, and the account lifecycle (edit,
 * disable, enable, reset) for the bureau and a school's principal. */
#ifndef SJ_APP_ACCOUNTS_H
#define SJ_APP_ACCOUNTS_H

#include "app/app.h"

#include <stdbool.h>

/* Provision accounts for the staff (role teacher) or guardians (role parent)
 * of a school, optionally one grade or class, from the records: everyone in
 * scope without an account gets one pending activation with a one-time
 * code (reissue: everyone whose account is still pending gets a new code,
 * the old one dies). dry_run: who would. A guardian is one account per
 * phone. *out: {"created","existing","reissued","dry_run","items":[{user_id,
 * username, name, school, class, code, expires_at}]}; codes appear only
 * here. 404 school not the actor's, 422 FIELD_INVALID. Audited
 * accounts.provision (counts, never codes). */
struct provision_in {
	const char *role;
	int64_t school_id, class_id, grade;
	int dry_run, reissue;
};
int app_provision(struct app *a, const struct actor *who, const struct provision_in *in,
		  json_t **out, struct app_err *e);

/* The items of app_provision's answer as sheet rows: 学校, 班级, 姓名, 用户名,
 * 激活码, 激活网址 (url), 有效期至. 0, or -1 out of memory. */
struct table;
int app_provision_table(const json_t *answer, const char *url, struct table *t);

/* Activation at /activate: login (user name or a parent's phone), the code,
 * a new password. Signs in like app_sign_in (who, token_out). 401
 * ACTIVATION_FAILED for any wrong, used or expired code or unknown login
 * (one answer), 429 AUTH_LOCKED after the sign-in's number of failures,
 * 422 PASSWORD_WEAK (the code stays good). */
int app_activate(struct app *a, const char *login, const char *code, const char *password,
		 const char *ip, const char *request_id, struct actor *who, char token_out[65],
		 struct app_err *e);

/* A person's own password: the current one is required; every other
 * session ends. 422 PASSWORD_WRONG / PASSWORD_WEAK. */
int app_password_change(struct app *a, const struct actor *who, const char *current,
			const char *fresh, struct app_err *e);
/* Sign out everywhere: every session of the account ends. */
int app_signout_all(struct app *a, const struct actor *who, struct app_err *e);
/* The account's last sign-in attempts: {"items":[{"at","result","request_id"}]}. */
int app_my_signins(struct app *a, const struct actor *who, json_t **out, struct app_err *e);

/* A parent adds a child: 学籍号, the child's name and the guardian phone the
 * school recorded must all match one guardian record (not another
 * account's). 404 CHILD_CLAIM_FAILED (one answer for every mismatch), 429
 * CHILD_CLAIM_LOCKED after 5 failures in 15 minutes. Audited child.claim. */
int app_child_claim(struct app *a, const struct actor *who, const char *registry_no,
		    const char *name, const char *phone, json_t **out, struct app_err *e);

/* The lifecycle of another account. The bureau's admin: any account of the
 * district (name, role, school); a principal or academic office: the
 * accounts of their school's staff and guardians (name only). 404 out of
 * scope; 422 USER_SELF (disabling oneself), USER_LAST_ADMIN. */
struct user_patch {
	const char *display_name, *role;
	int64_t school_id;
	int has_school;
};
int app_user_update(struct app *a, const struct actor *who, int64_t id,
		    const struct user_patch *in, json_t **out, struct app_err *e);
/* action: disable, enable, reset (a new activation code: {"code","expires_at"}). */
int app_user_action(struct app *a, const struct actor *who, int64_t id, const char *action,
		    json_t **out, struct app_err *e);

/* Bearer tokens: the admin lists the district's, others their own; revoke. */
int app_token_list(struct app *a, const struct actor *who, json_t **out, struct app_err *e);
int app_token_revoke(struct app *a, const struct actor *who, int64_t id, struct app_err *e);

#endif
