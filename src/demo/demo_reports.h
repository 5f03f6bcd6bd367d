/* demo_reports.h - the demo district's public reports and teacher-ethics
 * records (src/demo/demo_reports.c). */
#ifndef SJ_DEMO_REPORTS_H
#define SJ_DEMO_REPORTS_H

#include "app/app.h"

/* A dozen reports of each kind (institution, school, teacher) in every
 * status, with outcomes and replies, two of them overdue, filed over the
 * last weeks; one proven paid-tutoring case about a teacher of school 1,
 * vetoed this school year. Through the report use cases (app_report.h),
 * then the filing days moved back (store_report_demo_dates). 0, or -1 with
 * e filled. */
int demo_reports(struct app *a, struct app_err *e);

#endif
