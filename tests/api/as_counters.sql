-- as_counters.sql - rows where the counters kept by the writes disagree with
-- the records (run by suite.sh after the API cases, on both backends): the
-- after-school school-term counters of the district view (migration 0005)
-- and each school's enrolled count kept by the student trigger. 0 expected.
SELECT
 (SELECT COUNT(*) FROM as_school_term t WHERE
   t.t_applied <> (SELECT COUNT(*) FROM as_application a WHERE a.school_id = t.school_id
     AND a.term_id = t.term_id AND a.status <> 'withdrawn')
   OR t.t_admitted <> (SELECT COUNT(*) FROM as_application a WHERE a.school_id = t.school_id
     AND a.term_id = t.term_id AND a.status = 'admitted')
   OR t.t_sessions <> (SELECT COUNT(*) FROM as_session s JOIN as_program g ON g.id = s.program_id
     WHERE s.school_id = t.school_id AND g.term_id = t.term_id)
   OR t.t_recorded <> (SELECT COUNT(*) FROM as_session s JOIN as_program g ON g.id = s.program_id
     WHERE s.school_id = t.school_id AND g.term_id = t.term_id AND s.recorded_at IS NOT NULL)
   OR t.t_att <> (SELECT COUNT(*) FROM as_attendance x JOIN as_session s ON s.id = x.session_id
     JOIN as_program g ON g.id = s.program_id WHERE s.school_id = t.school_id AND g.term_id = t.term_id)
   OR t.t_present <> (SELECT COUNT(*) FROM as_attendance x JOIN as_session s ON s.id = x.session_id
     JOIN as_program g ON g.id = s.program_id WHERE s.school_id = t.school_id AND g.term_id = t.term_id
     AND x.status = 'present')
   OR t.t_hw_done <> (SELECT COUNT(*) FROM as_attendance x JOIN as_session s ON s.id = x.session_id
     JOIN as_program g ON g.id = s.program_id WHERE s.school_id = t.school_id AND g.term_id = t.term_id
     AND x.homework_done = 1)
   OR t.t_incidents <> (SELECT COUNT(*) FROM as_incident i JOIN as_session s ON s.id = i.session_id
     JOIN as_program g ON g.id = s.program_id WHERE i.school_id = t.school_id AND g.term_id = t.term_id))
 + (SELECT COUNT(*) FROM school sc WHERE sc.students <> (SELECT COUNT(*) FROM student st
     WHERE st.school_id = sc.id AND st.withdrawn = 0))
 + (SELECT CASE WHEN COUNT(*) = 0 THEN 1 ELSE 0 END FROM as_school_term);
