-- 0015 health: physical activity per class and school day, 国家学生体质健康标准
-- fitness results, vision screenings (五(四)5, B22.3, B28.1, B28.4).
--
-- he_activity: one live row per class-day (PE lessons, big break, other
-- school sports activity in minutes; eye exercises done). A new record for
-- the same class-day withdraws the old one (kept, with who replaced it), so
-- the history stays. pe_short / eye_short are the verdicts of MG_PE_DAILY /
-- MG_EYE_EXERCISES when it was recorded.
CREATE TABLE he_activity (
  id INTEGER PRIMARY KEY,
  district_id INTEGER NOT NULL REFERENCES district(id),
  school_id INTEGER NOT NULL REFERENCES school(id),
  class_id INTEGER NOT NULL REFERENCES class(id),
  day TEXT NOT NULL,
  pe_minutes INTEGER NOT NULL CHECK (pe_minutes BETWEEN 0 AND 600),
  big_break_minutes INTEGER NOT NULL CHECK (big_break_minutes BETWEEN 0 AND 600),
  other_minutes INTEGER NOT NULL DEFAULT 0 CHECK (other_minutes BETWEEN 0 AND 600),
  eye_exercises INTEGER NOT NULL CHECK (eye_exercises BETWEEN 0 AND 10),
  pe_short INTEGER NOT NULL DEFAULT 0,
  eye_short INTEGER NOT NULL DEFAULT 0,
  user_id INTEGER NOT NULL REFERENCES users(id),
  recorded_at INTEGER NOT NULL,
  withdrawn INTEGER NOT NULL DEFAULT 0,
  replaced_by INTEGER REFERENCES he_activity(id)
);
CREATE UNIQUE INDEX he_activity_live ON he_activity(class_id, day) WHERE withdrawn = 0;
CREATE INDEX he_activity_school ON he_activity(school_id, day);

-- he_fitness: one live result per student and term, from the school's
-- spreadsheet; the total in tenths (0..1200 with the bonus), its level, the
-- optional item scores as given (JSON object). The name is the roster's,
-- never stored again. A new import of the same student and term withdraws
-- the old row.
CREATE TABLE he_fitness (
  id INTEGER PRIMARY KEY,
  district_id INTEGER NOT NULL REFERENCES district(id),
  school_id INTEGER NOT NULL REFERENCES school(id),
  student_id INTEGER NOT NULL REFERENCES student(id),
  term_id INTEGER NOT NULL REFERENCES term(id),
  grade INTEGER NOT NULL CHECK (grade BETWEEN 1 AND 9),
  total_tenths INTEGER NOT NULL CHECK (total_tenths >= 0),
  level TEXT NOT NULL CHECK (level IN ('excellent','good','pass','fail')),
  items TEXT NOT NULL DEFAULT '{}',
  user_id INTEGER NOT NULL REFERENCES users(id),
  recorded_at INTEGER NOT NULL,
  withdrawn INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX he_fitness_live ON he_fitness(student_id, term_id) WHERE withdrawn = 0;
CREATE INDEX he_fitness_school ON he_fitness(school_id, term_id, grade);

-- he_vision: one screening of one student (both eyes, 5-point scale in
-- tenths: 5.0 -> 50; corrected = wears glasses or lenses). The class is the
-- one the student was in on that day.
CREATE TABLE he_vision (
  id INTEGER PRIMARY KEY,
  district_id INTEGER NOT NULL REFERENCES district(id),
  school_id INTEGER NOT NULL REFERENCES school(id),
  class_id INTEGER NOT NULL REFERENCES class(id),
  student_id INTEGER NOT NULL REFERENCES student(id),
  day TEXT NOT NULL,
  left_tenths INTEGER NOT NULL CHECK (left_tenths BETWEEN 0 AND 99),
  right_tenths INTEGER NOT NULL CHECK (right_tenths BETWEEN 0 AND 99),
  corrected INTEGER NOT NULL DEFAULT 0,
  user_id INTEGER NOT NULL REFERENCES users(id),
  recorded_at INTEGER NOT NULL,
  withdrawn INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX he_vision_student ON he_vision(student_id, day);
CREATE INDEX he_vision_school ON he_vision(school_id, day);
CREATE INDEX he_vision_class ON he_vision(class_id, day);
