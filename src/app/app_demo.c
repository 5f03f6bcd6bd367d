/* app_demo.c - the demo district: one sign-in per role. */
#include "app/app_internal.h"

#include <stdio.h>
#include <string.h>

/* The demo sign-ins: one per role. The organisation of the demo district
 * (schools, classes, students) arrives with the organisation issue. */
static const struct {
	const char *username, *display, *role;
} demo_users[] = {
	{ "admin", "区教育局管理员", "district_admin" },
	{ "inspector", "督导室 王督学", "inspector" },
	{ "enforcement", "联合执法 李科长", "enforcement" },
	{ "principal", "第一小学 张校长", "principal" },
	{ "academic", "第一小学 教导处 刘主任", "academic_office" },
	{ "teacher", "第一小学 陈老师", "teacher" },
	{ "parent", "家长 赵女士", "parent" },
	{ "institution", "新荣区青少年体育培训中心", "institution" },
};

int app_demo(struct app *a, const char *password, int schools, unsigned seed, struct app_err *e)
{
	(void)schools;
	(void)seed;
	size_t n = sizeof demo_users / sizeof demo_users[0];
	char pw[sizeof demo_users / sizeof demo_users[0]][40];

	printf("演示区：%s\n演示账号（仅用于演示数据库）：\n", a->policy.district);
	for (size_t i = 0; i < n; i++) {
		struct init_ctx c = { .district_name = a->policy.district, .require_empty = i == 0 };

		if (password)
			snprintf(pw[i], sizeof pw[i], "%s", password);
		else
			app_random_hex(pw[i], 8);
		if (app_fill_new_user(&c.u, 0, demo_users[i].username, demo_users[i].display,
				      demo_users[i].role, pw[i], e) != 0)
			return -1;
		if (app_tx(a, app_init_tx, &c, e) != 0)
			return -1;
		a->district_id = c.u.district_id;
		printf("  %-12s %-14s 密码 %s\n", demo_users[i].username,
		       role_name(role_parse(demo_users[i].role)), pw[i]);
	}
	fflush(stdout);
	return 0;
}

