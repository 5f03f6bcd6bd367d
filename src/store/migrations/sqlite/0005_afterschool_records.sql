-- 0005 after-school records for inspection (五(三)3, B17, B18): written
-- homework finished in homework-guidance sessions, incidents, venue safety
-- checks; and counters kept in the same transaction as every write, so the
-- district view of a term reads one row per school instead of millions.

-- The school's review of a flagged session (AS_NO_NEW_LESSON): cleared (no
-- new lesson after all) or confirmed, with a note; a new record of the
-- session's content clears the review (the content it judged is gone).
ALTER TABLE as_session ADD COLUMN review_outcome TEXT NOT NULL DEFAULT ''
  CHECK (review_outcome IN ('', 'cleared', 'confirmed'));
ALTER TABLE as_session ADD COLUMN review_note TEXT NOT NULL DEFAULT '';
ALTER TABLE as_session ADD COLUMN reviewed_by INTEGER;
ALTER TABLE as_session ADD COLUMN reviewed_at INTEGER;

-- NULL: not asked (not a 作业辅导 session, or not present); 0/1 otherwise.
ALTER TABLE as_attendance ADD COLUMN homework_done INTEGER CHECK (homework_done IN (0, 1));

-- A session's own tally, recomputed whenever its attendance is written.
ALTER TABLE as_session ADD COLUMN n_att INTEGER NOT NULL DEFAULT 0;
ALTER TABLE as_session ADD COLUMN n_present INTEGER NOT NULL DEFAULT 0;
ALTER TABLE as_session ADD COLUMN n_hw_asked INTEGER NOT NULL DEFAULT 0;
ALTER TABLE as_session ADD COLUMN n_hw_done INTEGER NOT NULL DEFAULT 0;
UPDATE as_session SET
  n_att = (SELECT COUNT(*) FROM as_attendance a WHERE a.session_id = as_session.id),
  n_present = (SELECT COUNT(*) FROM as_attendance a WHERE a.session_id = as_session.id
               AND a.status = 'present');

CREATE TABLE as_incident (
  id INTEGER PRIMARY KEY,
  district_id INTEGER NOT NULL,
  school_id INTEGER NOT NULL REFERENCES school(id),
  session_id INTEGER NOT NULL REFERENCES as_session(id),
  kind TEXT NOT NULL CHECK (kind IN ('injury','illness','conflict','missing','property','other')),
  occurred_min INTEGER NOT NULL CHECK (occurred_min BETWEEN 0 AND 1439),
  description TEXT NOT NULL,
  action TEXT NOT NULL,
  student_id INTEGER REFERENCES student(id),
  guardian_notified INTEGER NOT NULL DEFAULT 0,
  reported_by INTEGER NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL
);
CREATE INDEX as_incident_school ON as_incident(school_id, id);

CREATE TABLE as_safety_check (
  id INTEGER PRIMARY KEY,
  district_id INTEGER NOT NULL,
  school_id INTEGER NOT NULL REFERENCES school(id),
  venue TEXT NOT NULL,
  day TEXT NOT NULL,
  exits INTEGER NOT NULL,
  fire INTEGER NOT NULL,
  electrical INTEGER NOT NULL,
  facilities INTEGER NOT NULL,
  hygiene INTEGER NOT NULL,
  passed INTEGER NOT NULL,
  issues TEXT NOT NULL DEFAULT '',
  action TEXT NOT NULL DEFAULT '',
  checked_by INTEGER NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL
);
CREATE INDEX as_safety_school ON as_safety_check(school_id, venue, day);

-- Per school and term: applications, sessions and attendance, kept by the
-- writes themselves (src/store/store_as.c: store_as_count, store_as_tally).
CREATE TABLE as_school_term (
  school_id INTEGER NOT NULL REFERENCES school(id),
  term_id INTEGER NOT NULL REFERENCES term(id),
  district_id INTEGER NOT NULL,
  t_applied INTEGER NOT NULL DEFAULT 0,
  t_admitted INTEGER NOT NULL DEFAULT 0,
  t_sessions INTEGER NOT NULL DEFAULT 0,
  t_recorded INTEGER NOT NULL DEFAULT 0,
  t_flagged INTEGER NOT NULL DEFAULT 0,
  t_att INTEGER NOT NULL DEFAULT 0,
  t_present INTEGER NOT NULL DEFAULT 0,
  t_hw_asked INTEGER NOT NULL DEFAULT 0,
  t_hw_done INTEGER NOT NULL DEFAULT 0,
  t_incidents INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (school_id, term_id)
);
CREATE INDEX as_school_term_district ON as_school_term(district_id, term_id, school_id);

-- A session's roster (every attendance post reads it) by program, not by a
-- scan of every application; the district view's page of schools in id order.
CREATE INDEX as_application_program ON as_application(program_id, status);
CREATE INDEX school_district_id ON school(district_id, id);

-- Enrolled (not withdrawn) students per school, for participation rates.
ALTER TABLE school ADD COLUMN students INTEGER NOT NULL DEFAULT 0;
UPDATE school SET students = (SELECT COUNT(*) FROM student st
                              WHERE st.school_id = school.id AND st.withdrawn = 0);
CREATE TRIGGER student_count_ins AFTER INSERT ON student WHEN NEW.withdrawn = 0
BEGIN
  UPDATE school SET students = students + 1 WHERE id = NEW.school_id;
END;
CREATE TRIGGER student_count_upd AFTER UPDATE OF withdrawn, school_id ON student
BEGIN
  UPDATE school SET students = students - 1 WHERE id = OLD.school_id AND OLD.withdrawn = 0;
  UPDATE school SET students = students + 1 WHERE id = NEW.school_id AND NEW.withdrawn = 0;
END;
CREATE TRIGGER student_count_del AFTER DELETE ON student WHEN OLD.withdrawn = 0
BEGIN
  UPDATE school SET students = students - 1 WHERE id = OLD.school_id;
END;

-- The counters of the terms recorded before this migration.
INSERT INTO as_school_term (school_id, term_id, district_id, t_applied, t_admitted,
  t_sessions, t_recorded, t_flagged, t_att, t_present)
SELECT k.school_id, k.term_id, k.district_id,
  (SELECT COUNT(*) FROM as_application a WHERE a.school_id = k.school_id
   AND a.term_id = k.term_id AND a.status <> 'withdrawn'),
  (SELECT COUNT(*) FROM as_application a WHERE a.school_id = k.school_id
   AND a.term_id = k.term_id AND a.status = 'admitted'),
  (SELECT COUNT(*) FROM as_session s JOIN as_program g ON g.id = s.program_id
   WHERE s.school_id = k.school_id AND g.term_id = k.term_id),
  (SELECT COUNT(*) FROM as_session s JOIN as_program g ON g.id = s.program_id
   WHERE s.school_id = k.school_id AND g.term_id = k.term_id AND s.recorded_at IS NOT NULL),
  (SELECT COUNT(*) FROM as_session s JOIN as_program g ON g.id = s.program_id
   WHERE s.school_id = k.school_id AND g.term_id = k.term_id AND (s.flagged <> ''
   OR (s.recorded_at IS NOT NULL AND s.no_new_lesson = 0))),
  (SELECT COALESCE(SUM(s.n_att), 0) FROM as_session s JOIN as_program g ON g.id = s.program_id
   WHERE s.school_id = k.school_id AND g.term_id = k.term_id),
  (SELECT COALESCE(SUM(s.n_present), 0) FROM as_session s JOIN as_program g ON g.id = s.program_id
   WHERE s.school_id = k.school_id AND g.term_id = k.term_id)
FROM (SELECT DISTINCT school_id, term_id, district_id FROM as_program) k;
