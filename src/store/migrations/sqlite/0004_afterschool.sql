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
