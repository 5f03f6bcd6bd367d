#include "core/password.h"
#include "util/jfields.h"

#include <string.h>
#include <strings.h>

/* The most common long passwords in public breach lists, and local ones. */
static const char *const common[] = {
	"123456789012", "1234567890123", "12345678901234", "123456123456",
	"qwertyuiopas", "qwerty123456", "password1234", "password12345",
	"passwordpassword", "iloveyou1234", "aaaaaaaaaaaa", "111111111111",
	"000000000000", "123123123123", "abc123456789", "1q2w3e4r5t6y",
	"qazwsxedcrfv", "zxcvbnm12345", "woaini1314520", "woaini123456",
	"5201314520131", "admin1234567", "administrator", "changeme1234",
	"letmein12345", "welcome12345", "shuangjian123", "shuangjian2026",
	NULL
};

/* The whole string is one character repeated (compared as UTF-8
 * characters, so "中" x 12 counts). */
static int all_same(const char *s)
{
	size_t n = 1, len = strlen(s);

	while (n < len && ((unsigned char)s[n] & 0xC0) == 0x80)
		n++; /* the first character's bytes */
	if (len % n)
		return 0;
	for (size_t i = n; i < len; i += n)
		if (memcmp(s + i, s, n) != 0)
			return 0;
	return 1;
}

const char *password_check(const char *pw, const char *username)
{
	size_t n = jf_utf8_len(pw);

	if (n < PASSWORD_MIN_CHARS)
		return "密码至少 12 个字符";
	if (n > PASSWORD_MAX_CHARS)
		return "密码最多 128 个字符";
	if (all_same(pw))
		return "密码不能由同一个字符重复组成";
	if (username && strcasecmp(pw, username) == 0)
		return "密码不能与用户名相同";
	for (int i = 0; common[i]; i++)
		if (strcasecmp(pw, common[i]) == 0)
			return "这个密码太常见，请换一个";
	return NULL;
}
