/* signin.c - what a sign-in answer needs from the server's settings: the
 * per-address attempt limit and whether cookies are Secure. http_serve sets
 * them once before the first request. */
#include "http/http.h"
#include "util/timeutil.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int per_ip_per_min = 30, secure_cookies;

void http_signin_config(int per_min, int secure)
{
	per_ip_per_min = per_min;
	secure_cookies = secure;
}

/* Sign-in attempts per client IP in the current minute: a fixed table,
 * hashed by address; a collision shares a bucket (errs toward refusing). */
#define RL_BUCKETS 4096
static struct {
	char ip[64];
	int64_t minute;
	int count;
} rl[RL_BUCKETS];
static pthread_mutex_t rl_mu = PTHREAD_MUTEX_INITIALIZER;

int http_signin_allowed(struct http_req *rq, int *retry_after)
{
	uint32_t h = 2166136261u;
	int64_t now = time_now(), minute = now / 60;
	int ok;

	for (const char *p = rq->who.ip; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	h %= RL_BUCKETS;
	pthread_mutex_lock(&rl_mu);
	if (rl[h].minute != minute || strcmp(rl[h].ip, rq->who.ip) != 0) {
		snprintf(rl[h].ip, sizeof rl[h].ip, "%s", rq->who.ip);
		rl[h].minute = minute;
		rl[h].count = 0;
	}
	ok = ++rl[h].count <= per_ip_per_min;
	pthread_mutex_unlock(&rl_mu);
	*retry_after = (int)(60 - now % 60);
	return ok;
}

int http_secure_cookies(void)
{
	return secure_cookies;
}

json_t *http_who_json(const struct actor *who)
{
	return json_pack("{s:o,s:o}", "user", app_user_json(who), "csrf_token",
			 who->csrf[0] ? json_string(who->csrf) : json_null());
}

void http_signed_in(struct http_req *rq, struct http_resp *rs, const char *token)
{
	snprintf(rs->set_cookie, sizeof rs->set_cookie,
		 "sj_session=%s; Path=/; HttpOnly; SameSite=Strict%s", token,
		 http_secure_cookies() ? "; Secure" : "");
	rs->json = http_who_json(&rq->who);
}
