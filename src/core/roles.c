#include "core/roles.h"

#include <string.h>

const char *const role_ids[] = {
	"district_admin", "inspector", "enforcement", "principal",
	"academic_office", "teacher", "parent", "institution", NULL
};

static const char *const names[] = {
	"", "教育局管理员", "督导员", "联合执法人员", "校长",
	"教导处", "教师", "家长", "培训机构"
};

const char *role_id(enum role r)
{
	return (r > ROLE_NONE && r < ROLE_COUNT) ? role_ids[r - 1] : "";
}

const char *role_name(enum role r)
{
	return (r > ROLE_NONE && r < ROLE_COUNT) ? names[r] : "";
}

enum role role_parse(const char *id)
{
	for (int i = 0; id && role_ids[i]; i++)
		if (strcmp(role_ids[i], id) == 0)
			return (enum role)(i + 1);
	return ROLE_NONE;
}
