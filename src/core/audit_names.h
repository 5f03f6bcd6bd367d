/* audit_names.h - what the audit trail's codes mean, in Chinese: every
 * action the platform writes (homework.post -> 布置作业), the kinds of object
 * (user/1 -> 用户 1) and the results that are not rule codes (ok -> 成功).
 * Rule codes as results (HW_PARENT) are named from the policy pack by the
 * caller. The table is the one list the 审计日志 filter offers; a test checks
 * that every action the code writes is in it. */
#ifndef SJ_AUDIT_NAMES_H
#define SJ_AUDIT_NAMES_H

#include <stddef.h>

struct audit_action {
	const char *code, *name;
};

extern const struct audit_action audit_actions[]; /* ends with {NULL, NULL} */

/* The name of an action; NULL when the table lacks it. */
const char *audit_action_name(const char *code);
/* The name of a result that is not a rule code; NULL when unknown. */
const char *audit_result_name(const char *result);
/* "user/12" or "report:36" -> "用户 12", "举报 36"; "-" -> ""; an unknown
 * kind keeps the object as it is. Always NUL-terminates out. */
void audit_object_name(const char *object, char *out, size_t cap);

#endif
