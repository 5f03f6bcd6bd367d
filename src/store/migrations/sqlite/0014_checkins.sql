-- 0014 five managements 五项管理 (五(四)5, B21, B22): parents' weekly
-- check-ins and each school's phone rules and sleep settings.
--
-- fm_checkin: one live row per child and ISO week (week = its Monday); a
-- second check-in for the same week marks the old row current = 0 and adds
-- a new one, so the history stays. Times are minutes after midnight;
-- sleep_min is worked out from them (core/checkin.c) when stored. The
-- school and class are the child's at the time of the check-in.
CREATE TABLE fm_checkin (
  id INTEGER PRIMARY KEY,
  district_id INTEGER NOT NULL REFERENCES district(id),
  school_id INTEGER NOT NULL REFERENCES school(id),
  class_id INTEGER NOT NULL REFERENCES class(id),
  student_id INTEGER NOT NULL REFERENCES student(id),
  week TEXT NOT NULL,
  bedtime_min INTEGER NOT NULL CHECK (bedtime_min BETWEEN 0 AND 1439),
  wake_min INTEGER NOT NULL CHECK (wake_min BETWEEN 0 AND 1439),
  sleep_min INTEGER NOT NULL CHECK (sleep_min >= 0),
  phone_minutes INTEGER NOT NULL CHECK (phone_minutes >= 0),
  reading_minutes INTEGER NOT NULL CHECK (reading_minutes >= 0),
  current INTEGER NOT NULL DEFAULT 1,
  user_id INTEGER NOT NULL REFERENCES users(id),
  made_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX fm_checkin_live ON fm_checkin(student_id, week) WHERE current = 1;
CREATE INDEX fm_checkin_school_week ON fm_checkin(school_id, week, current, class_id);
CREATE INDEX fm_checkin_district_week ON fm_checkin(district_id, week, current, school_id);

-- fm_student_term: each child's running sums over its live check-ins of a
-- term (the term holding the check-in's week), kept in the check-in's
-- transaction (a replaced check-in's numbers are taken out), so the school
-- and district views add up one row per child, not one per week. The
-- school, class and grade are those of the child's latest check-in.
CREATE TABLE fm_student_term (
  student_id INTEGER NOT NULL REFERENCES student(id),
  term_id INTEGER NOT NULL REFERENCES term(id),
  district_id INTEGER NOT NULL REFERENCES district(id),
  school_id INTEGER NOT NULL REFERENCES school(id),
  class_id INTEGER NOT NULL REFERENCES class(id),
  grade INTEGER NOT NULL,
  weeks INTEGER NOT NULL CHECK (weeks >= 0),
  sleep_sum INTEGER NOT NULL,
  phone_sum INTEGER NOT NULL,
  reading_sum INTEGER NOT NULL,
  PRIMARY KEY (student_id, term_id)
);
CREATE INDEX fm_student_term_school ON fm_student_term(term_id, school_id, class_id);
CREATE INDEX fm_student_term_district ON fm_student_term(district_id, term_id, school_id);

-- fm_school: a school's phone rules (MG_PHONES: handed in at the gate, where
-- kept, who may call home) and sleep settings (MG_SLEEP_FEASIBLE: wake time,
-- minutes of the way home; NULL = the pack's default). Each change adds a
-- version; the last is current = 1.
CREATE TABLE fm_school (
  id INTEGER PRIMARY KEY,
  district_id INTEGER NOT NULL REFERENCES district(id),
  school_id INTEGER NOT NULL REFERENCES school(id),
  version INTEGER NOT NULL,
  current INTEGER NOT NULL DEFAULT 1,
  phones_handed_in INTEGER NOT NULL DEFAULT 0,
  phones_kept TEXT NOT NULL DEFAULT '',
  phones_calls TEXT NOT NULL DEFAULT '',
  phones_note TEXT NOT NULL DEFAULT '',
  wake_min INTEGER CHECK (wake_min BETWEEN 0 AND 1439),
  travel_minutes INTEGER CHECK (travel_minutes >= 0),
  made_by INTEGER NOT NULL REFERENCES users(id),
  made_at INTEGER NOT NULL,
  UNIQUE (school_id, version)
);
CREATE INDEX fm_school_current ON fm_school(school_id, current);
