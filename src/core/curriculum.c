#include "core/curriculum.h"

#include <string.h>

static const char *const subjects[] = {
	"语文", "数学", "英语", "道德与法治", "科学", "物理", "化学", "生物", "历史", "地理",
	"体育", "体育与健康", "音乐", "美术", "艺术", "信息科技", "劳动", "综合实践", "心理健康",
	"书法", NULL
};

bool subject_ok(const char *s)
{
	for (int i = 0; s && subjects[i]; i++)
		if (!strcmp(s, subjects[i]))
			return true;
	return false;
}
