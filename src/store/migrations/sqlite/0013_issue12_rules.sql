-- 0013 rules that let a school through where the plan does not (issue 12).
--
-- as_dismissal: each school's dismissal time (放学时间) per weekday, minutes
-- after midnight; NULL when the school does not let out that day. The
-- after-school plan's regular service starts from it (AS_COVERAGE, 五(三)1).
CREATE TABLE as_dismissal (
  school_id INTEGER NOT NULL REFERENCES school(id),
  weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  district_id INTEGER NOT NULL REFERENCES district(id),
  at_min INTEGER CHECK (at_min BETWEEN 0 AND 1439),
  updated_at INTEGER NOT NULL,
  updated_by INTEGER REFERENCES users(id),
  PRIMARY KEY (school_id, weekday)
);
