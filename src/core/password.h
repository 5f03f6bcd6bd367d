/* password.h - what a password must be (RELIABILITY.md, ASVS 2.1):
 * 12 to 128 characters, any Unicode, not a common password, not the user
 * name. No composition rules. */
#ifndef SJ_PASSWORD_H
#define SJ_PASSWORD_H

#define PASSWORD_MIN_CHARS 12
#define PASSWORD_MAX_CHARS 128

/* NULL when acceptable, else a Chinese reason (static string). */
const char *password_check(const char *pw, const char *username);

#endif
