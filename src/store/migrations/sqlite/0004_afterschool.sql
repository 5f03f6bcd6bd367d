-- 0004 after-school service: each school's term plan of service slots.
-- A new plan for the same school and term supersedes the old one (current
-- = 0, kept with its version): records are never deleted.
CREATE TABLE as_plan (
  id INTEGER PRIMARY KEY,
  district_id INTEGER NOT NULL REFERENCES district(id),
  school_id INTEGER NOT NULL REFERENCES school(id),
  term_id INTEGER NOT NULL REFERENCES term(id),
  version INTEGER NOT NULL,
  current INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  created_by INTEGER NOT NULL REFERENCES users(id),
  UNIQUE (school_id, term_id, version)
);
CREATE INDEX as_plan_current ON as_plan(school_id, term_id, current);

CREATE TABLE as_plan_slot (
  plan_id INTEGER NOT NULL REFERENCES as_plan(id),
  seq INTEGER NOT NULL,
  district_id INTEGER NOT NULL,
  weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  start_min INTEGER NOT NULL,
  end_min INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('regular','extended','evening')),
  PRIMARY KEY (plan_id, seq)
);

-- The menu (菜单式): programs of a school's term, their staff with vetting.
CREATE TABLE as_program (
  id INTEGER PRIMARY KEY,
  district_id INTEGER NOT NULL REFERENCES district(id),
  school_id INTEGER NOT NULL REFERENCES school(id),
  term_id INTEGER NOT NULL REFERENCES term(id),
  name TEXT NOT NULL,
  category TEXT NOT NULL,
  grades TEXT NOT NULL,            -- "3,4,5"
  capacity INTEGER NOT NULL CHECK (capacity > 0),
  days TEXT NOT NULL,              -- "1,3,5"
  start_min INTEGER NOT NULL,
  end_min INTEGER NOT NULL,
  venue TEXT NOT NULL,
  fee_fen INTEGER NOT NULL DEFAULT 0 CHECK (fee_fen >= 0),
  fee_doc TEXT NOT NULL DEFAULT '',
  apply_until TEXT NOT NULL,
  withdrawn INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);
CREATE INDEX as_program_school ON as_program(school_id, term_id, id);

CREATE TABLE as_program_staff (
  program_id INTEGER NOT NULL REFERENCES as_program(id),
  seq INTEGER NOT NULL,
  name TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('teacher','retired','professional','volunteer')),
  staff_id INTEGER REFERENCES staff(id),
  vetting TEXT NOT NULL DEFAULT '',
  vetted_on TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (program_id, seq)
);

-- Parents' applications: up to 3 programs in order, extended care, the
-- recorded consent that it is voluntary; the allocation's outcome.
CREATE TABLE as_application (
  id INTEGER PRIMARY KEY,
  district_id INTEGER NOT NULL,
  school_id INTEGER NOT NULL REFERENCES school(id),
  term_id INTEGER NOT NULL REFERENCES term(id),
  student_id INTEGER NOT NULL REFERENCES student(id),
  choice1 INTEGER NOT NULL REFERENCES as_program(id),
  choice2 INTEGER REFERENCES as_program(id),
  choice3 INTEGER REFERENCES as_program(id),
  extended_care INTEGER NOT NULL DEFAULT 0,
  extended_reason TEXT NOT NULL DEFAULT '',
  alone_consent INTEGER NOT NULL DEFAULT 0,  -- the guardian's standing consent to leave alone
  consent_at INTEGER NOT NULL,
  user_id INTEGER NOT NULL REFERENCES users(id),
  status TEXT NOT NULL CHECK (status IN ('applied','admitted','waitlisted','withdrawn')),
  program_id INTEGER REFERENCES as_program(id),
  position INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX as_application_live ON as_application(student_id, term_id) WHERE status <> 'withdrawn';
CREATE INDEX as_application_school ON as_application(school_id, term_id, id);

-- Sessions generated from a program's days and the term calendar; the
-- teacher on duty records attendance, content, the no-new-lesson
-- declaration, and each child's handover when the session ends.
CREATE TABLE as_session (
  id INTEGER PRIMARY KEY,
  district_id INTEGER NOT NULL,
  school_id INTEGER NOT NULL REFERENCES school(id),
  program_id INTEGER NOT NULL REFERENCES as_program(id),
  day TEXT NOT NULL,
  start_min INTEGER NOT NULL,
  end_min INTEGER NOT NULL,
  content TEXT NOT NULL DEFAULT '',
  form TEXT NOT NULL DEFAULT '',
  no_new_lesson INTEGER NOT NULL DEFAULT 0,
  flagged TEXT NOT NULL DEFAULT '',
  recorded_by INTEGER,
  recorded_at INTEGER,
  UNIQUE (program_id, day)
);
CREATE INDEX as_session_school_day ON as_session(school_id, day);

CREATE TABLE as_attendance (
  session_id INTEGER NOT NULL REFERENCES as_session(id),
  student_id INTEGER NOT NULL REFERENCES student(id),
  district_id INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('present','absent','leave')),
  handover TEXT NOT NULL DEFAULT '' CHECK (handover IN ('','guardian','extended','evening','alone')),
  guardian_id INTEGER REFERENCES guardian(id),
  handover_at INTEGER,
  PRIMARY KEY (session_id, student_id)
);
