/* roles.h - the people who use the system (DOMAIN.md "Who uses the system").
 * Route tables name the roles allowed as a bit mask of these. */
#ifndef SJ_ROLES_H
#define SJ_ROLES_H

enum role {
	ROLE_NONE = 0,
	ROLE_DISTRICT_ADMIN,
	ROLE_INSPECTOR,
	ROLE_ENFORCEMENT,
	ROLE_PRINCIPAL,
	ROLE_ACADEMIC_OFFICE,
	ROLE_TEACHER,
	ROLE_PARENT,
	ROLE_INSTITUTION,
	ROLE_COUNT
};

#define ROLE_BIT(r) (1u << (r))
#define ROLES_ANY_SIGNED_IN 0x1FEu /* every role 1..8 */
#define ROLES_PUBLIC 0x1u          /* no sign-in needed */

const char *role_id(enum role r);   /* "district_admin" ... ; "" for NONE */
const char *role_name(enum role r); /* 教育局管理员 ... */
enum role role_parse(const char *id); /* ROLE_NONE when unknown */
extern const char *const role_ids[]; /* NULL-terminated, for JF_ENUM */

#endif
