-- 0012 public reports (举报) and teacher ethics (师德师风): 四1, 四3, B25.
--
-- report: one report by the public (or a signed-in parent). The receipt code
-- the reporter keeps is never stored: code_hash is the SHA-256 (hex) of its
-- 12 characters, so a copy of the database reveals no code and cannot be
-- used to follow a report (12 characters of a 31-letter alphabet, about 59
-- bits, too many to guess offline). contact is shown to the bureau only.
-- status: received -> routed -> answered -> closed; answered carries the
-- outcome and the reply the reporter sees at the receipt lookup. due_on is
-- filed_on + the pack's answer_days (RP_ANSWER_DEADLINE). Never deleted.
CREATE TABLE report (
  id INTEGER PRIMARY KEY,
  district_id INTEGER NOT NULL REFERENCES district(id),
  code_hash TEXT NOT NULL UNIQUE,
  target_kind TEXT NOT NULL CHECK (target_kind IN ('institution','school','teacher')),
  target TEXT NOT NULL,
  school_id INTEGER REFERENCES school(id),   -- the school concerned, when known
  staff_id INTEGER REFERENCES staff(id),     -- the teacher, once the bureau names them
  text TEXT NOT NULL,
  contact TEXT NOT NULL DEFAULT '',
  reporter_user_id INTEGER REFERENCES users(id), -- NULL: the public
  status TEXT NOT NULL CHECK (status IN ('received','routed','answered','closed')),
  routed_to TEXT NOT NULL DEFAULT '' CHECK (routed_to IN ('','education','market','police','school')),
  outcome TEXT NOT NULL DEFAULT '' CHECK (outcome IN ('','proven','partly','unfounded','out_of_scope')),
  finding TEXT NOT NULL DEFAULT '',
  reply TEXT NOT NULL DEFAULT '',
  filed_on TEXT NOT NULL,
  due_on TEXT NOT NULL,
  answered_on TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX report_queue ON report(district_id, status, due_on, id);
CREATE INDEX report_school ON report(school_id, id);

-- Each step of a report, in order: who did it, the internal note (never
-- shown to the reporter).
CREATE TABLE report_step (
  id INTEGER PRIMARY KEY,
  report_id INTEGER NOT NULL REFERENCES report(id),
  step TEXT NOT NULL CHECK (step IN ('received','routed','answered','closed')),
  detail TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  user_id INTEGER REFERENCES users(id),
  at INTEGER NOT NULL
);
CREATE INDEX report_step_report ON report_step(report_id, id);

-- 师德 records: a proven paid-tutoring case (TE_PAID_TUTORING) vetoes the
-- teacher's ethics rating for the school year (its first calendar year).
-- Withdrawn with a reason, never deleted.
CREATE TABLE ethics_record (
  id INTEGER PRIMARY KEY,
  district_id INTEGER NOT NULL REFERENCES district(id),
  staff_id INTEGER NOT NULL REFERENCES staff(id),
  school_id INTEGER NOT NULL REFERENCES school(id),
  school_year INTEGER NOT NULL,
  rule_code TEXT NOT NULL,
  finding TEXT NOT NULL,
  evidence_note TEXT NOT NULL DEFAULT '',
  veto INTEGER NOT NULL CHECK (veto IN (0,1)),
  report_id INTEGER REFERENCES report(id),
  status TEXT NOT NULL CHECK (status IN ('active','withdrawn')),
  withdraw_reason TEXT NOT NULL DEFAULT '',
  created_by INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL,
  withdrawn_by INTEGER REFERENCES users(id),
  withdrawn_at INTEGER
);
CREATE INDEX ethics_school_year ON ethics_record(school_id, school_year, id);
CREATE INDEX ethics_staff ON ethics_record(staff_id, school_year);

-- Reports filed per client address in the current hour (RP_RATE_LIMIT).
-- Kept in the store, not in a process, because several servers may serve a
-- province (the pattern of 0007 signin_name). client is the SHA-256 of the
-- address, not the address itself; a window older than an hour restarts.
CREATE TABLE report_rate (
  client TEXT NOT NULL PRIMARY KEY,
  window_start BIGINT NOT NULL,
  count INTEGER NOT NULL DEFAULT 0
);
