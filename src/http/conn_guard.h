/* conn_guard.h - who may hold the server's connections, and for how long.
 *
 * libmicrohttpd 0.9.75 has an idle timeout only: a client that sends one
 * header line every few seconds holds its connection for ever, and a handful
 * of addresses can hold every connection (RELIABILITY.md "HTTP": slow
 * clients cannot starve normal ones). The guard keeps, under one mutex, the
 * live connections and how many each address holds, and answers two
 * questions: may this address have another connection (the accept policy),
 * and which connections have waited too long for their request head (the
 * reaper, which shuts their sockets down so libmicrohttpd closes them).
 *
 * IPv4 only, like --listen. Addresses are in network byte order. */
#ifndef SJ_CONN_GUARD_H
#define SJ_CONN_GUARD_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>

#define GUARD_MAX_TRUSTED 8
#define GUARD_BUCKETS 1024

struct guard_limits {
	int max_conns;      /* the server's connection limit */
	int per_ip;         /* an address never holds more than this */
	int nearly_full;    /* from this many live connections on ... */
	int share;          /* ... an address holding this many gets no more */
	int head_timeout_ms; /* from accept or the end of the last request */
	uint32_t trusted[GUARD_MAX_TRUSTED]; /* proxies: no per-address limit, no head deadline */
	int ntrusted;
};

/* Defaults from the connection limit: per_ip 200 (at most max), nearly
 * full at three quarters, share max/16 (at least 1), head timeout 5 s. */
void guard_limits_defaults(struct guard_limits *l, int max_conns);

/* The policy, pure: may an address that holds `held` of `total` live
 * connections have one more? 1 yes, 0 no. */
int guard_admits(const struct guard_limits *l, int total, int held, int trusted);

struct guard_conn {
	int fd;
	uint32_t addr;
	int trusted;
	_Atomic int64_t head_deadline_ms; /* 0: the head is in, no deadline */
	struct guard_conn *prev, *next;
};

struct guard_count {
	uint32_t addr;
	int n;
	struct guard_count *next;
};

struct conn_guard {
	struct guard_limits lim;
	pthread_mutex_t mu;
	struct guard_conn *live;
	struct guard_count *bucket[GUARD_BUCKETS];
	int total;
	_Atomic long refused, reaped; /* since start */
};

void guard_init(struct conn_guard *g, const struct guard_limits *l);
/* Frees every count and connection record still held. */
void guard_free(struct conn_guard *g);
int guard_is_trusted(const struct guard_limits *l, uint32_t addr);
/* The accept policy: counts a refusal. 1 admit, 0 refuse. */
int guard_accept(struct conn_guard *g, uint32_t addr);
/* A connection opened (now_ms: its accept) and closed. open returns the
 * record (the caller keeps it as the socket context) or NULL when out of
 * memory; close takes NULL too. */
struct guard_conn *guard_open(struct conn_guard *g, int fd, uint32_t addr, int64_t now_ms);
void guard_close(struct conn_guard *g, struct guard_conn *c);
/* The request head is in (no deadline), or a request ended and the next
 * head's time starts now. Lock-free: called on every request. */
void guard_head_done(struct guard_conn *c);
void guard_head_next(const struct conn_guard *g, struct guard_conn *c, int64_t now_ms);
/* Calls shut(fd) for every connection whose head deadline has passed at
 * now_ms (each once) and returns how many. */
int guard_reap(struct conn_guard *g, int64_t now_ms, void (*shut)(int fd));
/* Live connections held by addr. */
int guard_held(struct conn_guard *g, uint32_t addr);

#endif
