/* handlers.h - handlers that live outside routes.c, listed in its table.
 * They answer through http.h's answering functions (answer.c) only. */
#ifndef SJ_HANDLERS_H
#define SJ_HANDLERS_H
#include "http/http.h"

void h_schools_list(struct http_req *rq, struct http_resp *rs);
void h_school_get(struct http_req *rq, struct http_resp *rs);
void h_school_staff(struct http_req *rq, struct http_resp *rs);
void h_classes_list(struct http_req *rq, struct http_resp *rs);
void h_class_get(struct http_req *rq, struct http_resp *rs);
void h_class_roster_xlsx(struct http_req *rq, struct http_resp *rs);
void h_children(struct http_req *rq, struct http_resp *rs);
void h_terms_list(struct http_req *rq, struct http_resp *rs);
void h_terms_create(struct http_req *rq, struct http_resp *rs);
void h_calendar_get(struct http_req *rq, struct http_resp *rs);
void h_calendar_put(struct http_req *rq, struct http_resp *rs);
void h_import(struct http_req *rq, struct http_resp *rs);
void h_import_template(struct http_req *rq, struct http_resp *rs);
void h_class_teaching(struct http_req *rq, struct http_resp *rs);
void h_class_teaching_withdraw(struct http_req *rq, struct http_resp *rs);
void h_class_head(struct http_req *rq, struct http_resp *rs);
void h_school_roles(struct http_req *rq, struct http_resp *rs);
void h_school_role_set(struct http_req *rq, struct http_resp *rs);
void h_transfer_create(struct http_req *rq, struct http_resp *rs);
void h_transfers_list(struct http_req *rq, struct http_resp *rs);
void h_transfer_get(struct http_req *rq, struct http_resp *rs);
void h_transfer_decide(struct http_req *rq, struct http_resp *rs);
void h_school_directory(struct http_req *rq, struct http_resp *rs);
void h_student_leave(struct http_req *rq, struct http_resp *rs);
void h_staff_leave(struct http_req *rq, struct http_resp *rs);
void h_provision(struct http_req *rq, struct http_resp *rs);
void h_provision_xlsx(struct http_req *rq, struct http_resp *rs);
void h_activation(struct http_req *rq, struct http_resp *rs);
void h_my_password(struct http_req *rq, struct http_resp *rs);
void h_my_sessions_end(struct http_req *rq, struct http_resp *rs);
void h_my_signins(struct http_req *rq, struct http_resp *rs);
void h_child_claim(struct http_req *rq, struct http_resp *rs);
void h_user_patch(struct http_req *rq, struct http_resp *rs);
void h_user_action(struct http_req *rq, struct http_resp *rs);
void h_tokens_list(struct http_req *rq, struct http_resp *rs);
void h_token_revoke(struct http_req *rq, struct http_resp *rs);
void h_activate_page(struct http_req *rq, struct http_resp *rs);
void h_hw_post(struct http_req *rq, struct http_resp *rs);
void h_hw_get(struct http_req *rq, struct http_resp *rs);
void h_hw_edit(struct http_req *rq, struct http_resp *rs);
void h_hw_withdraw(struct http_req *rq, struct http_resp *rs);
void h_hw_review(struct http_req *rq, struct http_resp *rs);
void h_hw_grading(struct http_req *rq, struct http_resp *rs);
void h_hw_pending(struct http_req *rq, struct http_resp *rs);
void h_hw_class_day(struct http_req *rq, struct http_resp *rs);
void h_hw_settings_get(struct http_req *rq, struct http_resp *rs);
void h_hw_settings_put(struct http_req *rq, struct http_resp *rs);
void h_hw_report(struct http_req *rq, struct http_resp *rs);
void h_hw_report_get(struct http_req *rq, struct http_resp *rs);
void h_hw_followups(struct http_req *rq, struct http_resp *rs);
void h_hw_followup_close(struct http_req *rq, struct http_resp *rs);
void h_hw_stats(struct http_req *rq, struct http_resp *rs);
void h_hw_stats_xlsx(struct http_req *rq, struct http_resp *rs);
void h_hw_estimates(struct http_req *rq, struct http_resp *rs);
void h_public_notice(struct http_req *rq, struct http_resp *rs);
void h_public_notice_qr(struct http_req *rq, struct http_resp *rs);
void h_gongshi_page(struct http_req *rq, struct http_resp *rs);
void h_as_plan_set(struct http_req *rq, struct http_resp *rs);
void h_as_plan_get(struct http_req *rq, struct http_resp *rs);
/* issue 12 */
void h_hw_subjects(struct http_req *rq, struct http_resp *rs);
void h_hw_difficulty_sample(struct http_req *rq, struct http_resp *rs);
void h_hw_difficulty_review(struct http_req *rq, struct http_resp *rs);
void h_as_settings_get(struct http_req *rq, struct http_resp *rs);
void h_as_settings_put(struct http_req *rq, struct http_resp *rs);
void h_as_program_create(struct http_req *rq, struct http_resp *rs);
void h_as_programs(struct http_req *rq, struct http_resp *rs);
void h_as_apply(struct http_req *rq, struct http_resp *rs);
void h_as_applications(struct http_req *rq, struct http_resp *rs);
void h_as_withdraw(struct http_req *rq, struct http_resp *rs);
void h_as_allocate(struct http_req *rq, struct http_resp *rs);
void h_as_sessions_generate(struct http_req *rq, struct http_resp *rs);
void h_as_sessions(struct http_req *rq, struct http_resp *rs);
void h_as_session_get(struct http_req *rq, struct http_resp *rs);
void h_as_attendance(struct http_req *rq, struct http_resp *rs);
void h_as_handover(struct http_req *rq, struct http_resp *rs);
void h_as_alerts(struct http_req *rq, struct http_resp *rs);
void h_as_metrics(struct http_req *rq, struct http_resp *rs);
void h_as_day_sessions(struct http_req *rq, struct http_resp *rs);
void h_as_incident_create(struct http_req *rq, struct http_resp *rs);
void h_as_session_review(struct http_req *rq, struct http_resp *rs);
void h_as_incidents(struct http_req *rq, struct http_resp *rs);
void h_as_safety_create(struct http_req *rq, struct http_resp *rs);
void h_as_safety_list(struct http_req *rq, struct http_resp *rs);
void h_as_hours(struct http_req *rq, struct http_resp *rs);
void h_as_district_metrics(struct http_req *rq, struct http_resp *rs);
void h_as_archive_xlsx(struct http_req *rq, struct http_resp *rs);

/* routes_ticase.c: sweeps, visits, evidence, penalty cases */
void h_ti_sweep_create(struct http_req *rq, struct http_resp *rs);
void h_ti_sweeps(struct http_req *rq, struct http_resp *rs);
void h_ti_sweep_get(struct http_req *rq, struct http_resp *rs);
void h_ti_visit_create(struct http_req *rq, struct http_resp *rs);
void h_ti_visits(struct http_req *rq, struct http_resp *rs);
void h_ti_visit_get(struct http_req *rq, struct http_resp *rs);
void h_ti_case_open(struct http_req *rq, struct http_resp *rs);
void h_ti_cases(struct http_req *rq, struct http_resp *rs);
void h_ti_case_get(struct http_req *rq, struct http_resp *rs);
void h_ti_case_step(struct http_req *rq, struct http_resp *rs);
void h_ti_overview(struct http_req *rq, struct http_resp *rs);
void h_ti_cases_xlsx(struct http_req *rq, struct http_resp *rs);
void h_ti_evidence_add(struct http_req *rq, struct http_resp *rs);
void h_ti_evidence_list(struct http_req *rq, struct http_resp *rs);
void h_ti_evidence_get(struct http_req *rq, struct http_resp *rs);
/* Public reports and teacher ethics (routes_report.c). */
void h_rp_public_file(struct http_req *rq, struct http_resp *rs);
void h_rp_public_get(struct http_req *rq, struct http_resp *rs);
void h_rp_public_evidence(struct http_req *rq, struct http_resp *rs);
void h_rp_public_schools(struct http_req *rq, struct http_resp *rs);
void h_rp_page(struct http_req *rq, struct http_resp *rs);
void h_rp_list(struct http_req *rq, struct http_resp *rs);
void h_rp_get(struct http_req *rq, struct http_resp *rs);
void h_rp_step(struct http_req *rq, struct http_resp *rs);
void h_rp_evidence_get(struct http_req *rq, struct http_resp *rs);
void h_rp_stats(struct http_req *rq, struct http_resp *rs);
void h_rp_xlsx(struct http_req *rq, struct http_resp *rs);
void h_ethics_list(struct http_req *rq, struct http_resp *rs);
void h_ethics_create(struct http_req *rq, struct http_resp *rs);
void h_ethics_withdraw(struct http_req *rq, struct http_resp *rs);
void h_ethics_mine(struct http_req *rq, struct http_resp *rs);
/* routes_ti.c: the institution registry (issue 13, part A) */
void h_ti_apply(struct http_req *rq, struct http_resp *rs);
void h_ti_applications(struct http_req *rq, struct http_resp *rs);
void h_ti_application_get(struct http_req *rq, struct http_resp *rs);
void h_ti_decide(struct http_req *rq, struct http_resp *rs);
void h_ti_get(struct http_req *rq, struct http_resp *rs);
void h_ti_courses(struct http_req *rq, struct http_resp *rs);
void h_ti_staff(struct http_req *rq, struct http_resp *rs);
void h_ti_list(struct http_req *rq, struct http_resp *rs);
void h_ti_stats(struct http_req *rq, struct http_resp *rs);
void h_ti_xlsx(struct http_req *rq, struct http_resp *rs);
void h_ti_public(struct http_req *rq, struct http_resp *rs);
/* exams (routes_exam.c) */
void h_exam_create(struct http_req *rq, struct http_resp *rs);
void h_exam_list(struct http_req *rq, struct http_resp *rs);
void h_exam_figures(struct http_req *rq, struct http_resp *rs);
void h_exam_get(struct http_req *rq, struct http_resp *rs);
void h_exam_withdraw(struct http_req *rq, struct http_resp *rs);
void h_exam_results_put(struct http_req *rq, struct http_resp *rs);
void h_exam_results(struct http_req *rq, struct http_resp *rs);
void h_exam_district(struct http_req *rq, struct http_resp *rs);
void h_exam_xlsx(struct http_req *rq, struct http_resp *rs);
/* supervision rounds and scores (routes_sv.c; issue 15, part SA) */
void h_sv_round_create(struct http_req *rq, struct http_resp *rs);
void h_sv_round_list(struct http_req *rq, struct http_resp *rs);
void h_sv_round_get(struct http_req *rq, struct http_resp *rs);
void h_sv_school(struct http_req *rq, struct http_resp *rs);
void h_sv_score_put(struct http_req *rq, struct http_resp *rs);
void h_sv_dashboard(struct http_req *rq, struct http_resp *rs);
void h_sv_xlsx(struct http_req *rq, struct http_resp *rs);
void h_sv_special(struct http_req *rq, struct http_resp *rs);
void h_sv_evidence_add(struct http_req *rq, struct http_resp *rs);
void h_sv_evidence_get(struct http_req *rq, struct http_resp *rs);
void h_jigou_page(struct http_req *rq, struct http_resp *rs);
/* routes_health.c: activity, fitness, vision (issue 14, part HE) */
void h_he_activity_put(struct http_req *rq, struct http_resp *rs);
void h_he_activity_days(struct http_req *rq, struct http_resp *rs);
void h_he_vision_add(struct http_req *rq, struct http_resp *rs);
void h_he_vision_roster(struct http_req *rq, struct http_resp *rs);
void h_he_fitness_import(struct http_req *rq, struct http_resp *rs);
void h_he_school(struct http_req *rq, struct http_resp *rs);
void h_he_district(struct http_req *rq, struct http_resp *rs);
void h_he_district_xlsx(struct http_req *rq, struct http_resp *rs);
/* routes_checkin.c: five managements, check-ins (issue 14, part CK) */
void h_ck_checkin(struct http_req *rq, struct http_resp *rs);
void h_ck_checkins(struct http_req *rq, struct http_resp *rs);
void h_ck_settings(struct http_req *rq, struct http_resp *rs);
void h_ck_phone_rules_put(struct http_req *rq, struct http_resp *rs);
void h_ck_sleep_settings_put(struct http_req *rq, struct http_resp *rs);
void h_ck_school(struct http_req *rq, struct http_resp *rs);
void h_ck_district(struct http_req *rq, struct http_resp *rs);
void h_ck_district_xlsx(struct http_req *rq, struct http_resp *rs);
/* routes_survey.c: satisfaction surveys (issue 15, part SD) */
void h_sv_create(struct http_req *rq, struct http_resp *rs);
void h_sv_list(struct http_req *rq, struct http_resp *rs);
void h_sv_get(struct http_req *rq, struct http_resp *rs);
void h_sv_mine(struct http_req *rq, struct http_resp *rs);
void h_sv_answer(struct http_req *rq, struct http_resp *rs);
void h_sv_results(struct http_req *rq, struct http_resp *rs);
void h_sv_results_xlsx(struct http_req *rq, struct http_resp *rs);
/* routes_sv_visit.c: supervision visits and rectification notices (issue 15, part SC) */
void h_sv_inspectors(struct http_req *rq, struct http_resp *rs);
void h_sv_visit_create(struct http_req *rq, struct http_resp *rs);
void h_sv_visits(struct http_req *rq, struct http_resp *rs);
void h_sv_visit_get(struct http_req *rq, struct http_resp *rs);
void h_sv_finding_add(struct http_req *rq, struct http_resp *rs);
void h_sv_notice_issue(struct http_req *rq, struct http_resp *rs);
void h_sv_notices(struct http_req *rq, struct http_resp *rs);
void h_sv_notice_get(struct http_req *rq, struct http_resp *rs);
void h_sv_notice_answer(struct http_req *rq, struct http_resp *rs);
void h_sv_notice_close(struct http_req *rq, struct http_resp *rs);
void h_sv_overdue(struct http_req *rq, struct http_resp *rs);
void h_sv_notices_xlsx(struct http_req *rq, struct http_resp *rs);
void h_sv_visit_evidence_add(struct http_req *rq, struct http_resp *rs);
void h_sv_visit_evidence_get(struct http_req *rq, struct http_resp *rs);
/* end of part SC */
/* routes_sv_computed.c: supervision, computed items (issue 15, part SB) */
void h_svc_school(struct http_req *rq, struct http_resp *rs);

#endif
