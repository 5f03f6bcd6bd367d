-- 0011 routine sweeps (常态化排查), visits with findings, and penalty cases
-- (五(一)2): what the joint enforcement of education, market regulation and
-- public security (四1) records about off-campus training institutions.
-- Nothing here is deleted: a case ends at stage 'close'.
--
-- agency: edu 教育, market 市场监管, police 公安.
CREATE TABLE ti_sweep (
  id INTEGER PRIMARY KEY,
  district_id INTEGER NOT NULL REFERENCES district(id),
  name TEXT NOT NULL,
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  agencies TEXT NOT NULL,               -- comma list of agency ids
  area TEXT NOT NULL DEFAULT '',
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL,
  CHECK (ends_on >= starts_on)
);
CREATE INDEX ti_sweep_district ON ti_sweep(district_id, id);

-- The institutions a sweep names (when it names a list, not only an area).
CREATE TABLE ti_sweep_institution (
  sweep_id INTEGER NOT NULL REFERENCES ti_sweep(id),
  institution_id INTEGER NOT NULL REFERENCES institution(id),
  PRIMARY KEY (sweep_id, institution_id)
);

CREATE TABLE ti_visit (
  id INTEGER PRIMARY KEY,
  district_id INTEGER NOT NULL REFERENCES district(id),
  sweep_id INTEGER REFERENCES ti_sweep(id),
  institution_id INTEGER NOT NULL REFERENCES institution(id),
  visited_on TEXT NOT NULL,
  agency TEXT NOT NULL CHECK (agency IN ('edu','market','police')),
  officers TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL
);
CREATE INDEX ti_visit_district ON ti_visit(district_id, id);
CREATE INDEX ti_visit_institution ON ti_visit(institution_id, id);

CREATE TABLE ti_visit_finding (
  visit_id INTEGER NOT NULL REFERENCES ti_visit(id),
  finding TEXT NOT NULL CHECK (finding IN ('unlicensed','unqualified_staff','advance_fees',
    'false_advertising','school_collusion','teacher_tutoring','money_grabbing','other')),
  PRIMARY KEY (visit_id, finding)
);

-- stage: open 立案, investigate 调查, notify 告知, decide 决定, serve 送达,
-- enforce 执行, close 结案 (core/ticase.h). rectified_on: the day the
-- institution's rectification was recorded (clears an overdue deadline).
CREATE TABLE ti_case (
  id INTEGER PRIMARY KEY,
  district_id INTEGER NOT NULL REFERENCES district(id),
  institution_id INTEGER NOT NULL REFERENCES institution(id),
  finding TEXT NOT NULL CHECK (finding IN ('unlicensed','unqualified_staff','advance_fees',
    'false_advertising','school_collusion','teacher_tutoring','money_grabbing','other')),
  stage TEXT NOT NULL CHECK (stage IN ('open','investigate','notify','decide','serve',
    'enforce','close')),
  opened_on TEXT NOT NULL,
  rectified_on TEXT,
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX ti_case_stage ON ti_case(district_id, stage, id);
CREATE INDEX ti_case_institution ON ti_case(institution_id, id);

-- Every step taken, in order (立案 is the first row), and a rectification.
CREATE TABLE ti_case_step (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES ti_case(id),
  step TEXT NOT NULL CHECK (step IN ('open','investigate','notify','decide','serve',
    'enforce','close','rectify')),
  on_date TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL
);
CREATE INDEX ti_case_step_case ON ti_case_step(case_id, id);

-- The measures of the decision (TI_PENALTY ladder), each with its agency.
CREATE TABLE ti_case_measure (
  case_id INTEGER NOT NULL REFERENCES ti_case(id),
  seq INTEGER NOT NULL,
  measure TEXT NOT NULL CHECK (measure IN ('correct','warn','suspend','refund','confiscate',
    'fine')),
  agency TEXT NOT NULL CHECK (agency IN ('edu','market','police')),
  amount_fen INTEGER CHECK (amount_fen IS NULL OR amount_fen > 0),
  deadline TEXT,
  PRIMARY KEY (case_id, seq)
);
CREATE INDEX ti_case_measure_deadline ON ti_case_measure(deadline);
