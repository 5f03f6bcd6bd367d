/* store_as_demo.h - bulk SQL for the demo's after-school history
 * (src/demo/demo_as.c): one statement per session instead of two per child,
 * so a district's ten days of attendance stay cheap on PostgreSQL too. The app
 * itself records attendance and handover child by child (store_as.h). */
#ifndef SJ_STORE_AS_DEMO_H
#define SJ_STORE_AS_DEMO_H

#include "store/db.h"
#include <stdint.h>

/* One past session of a school's term, and how its children fare: each is
 * drawn from a hash of (child, salt) into 0..999. */
struct store_as_demo_day {
	int64_t district_id, school_id, term_id, session_id, salt;
	int64_t handover_at; /* the first handover; the others up to 14 minutes later */
	int present_pm;      /* present below this draw */
	int leave_pm;        /* on leave below this, else absent */
	int alone_pm;        /* a second draw: home alone below this, with the consent */
	int homework_pm;     /* a third: written homework done below this (-1 not asked) */
};

/* Attendance and handover of every child admitted to the session's
 * program: a present child goes 'alone' when the application carries
 * alone_consent and the second draw is below alone_pm, else to 'extended'
 * care when it asks for it, else to a 'guardian': one of the child's
 * recorded guardians. In a 作业辅导 session (homework_pm >= 0) a present
 * child's homework_done is 1 below homework_pm, else 0; NULL otherwise.
 * *t receives what was written. Returns 0 or -1. */
struct store_as_demo_tally {
	int rows, present, hw_asked, hw_done;
};
int store_as_demo_attendance(struct db *db, const struct store_as_demo_day *s,
			     struct store_as_demo_tally *t, struct db_err *err);

#endif
