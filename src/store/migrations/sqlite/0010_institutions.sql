-- 0010 off-campus training institutions (校外培训机构, 五(一)): the registry
-- every later record points at (applications, sweeps and visits, penalty
-- cases, public reports), and the evidence files those records carry.
--
-- status: pending (applied, under review), approved (白名单), refused,
-- revoked (吊销, then on the public 黑名单), unlicensed (found operating
-- without approval by a sweep, also on the 黑名单). An institution is never
-- deleted: its status changes, with the reason in status_note.
CREATE TABLE institution (
  id INTEGER PRIMARY KEY,
  district_id INTEGER NOT NULL REFERENCES district(id),
  name TEXT NOT NULL,
  credit_code TEXT NOT NULL,           -- 统一社会信用代码 (GB 32100: 18 characters, check digit)
  licence_no TEXT NOT NULL DEFAULT '', -- 办学许可证号; '' when there is none
  address TEXT NOT NULL DEFAULT '',
  category TEXT NOT NULL CHECK (category IN ('subject','sports','arts','science','other')),
  serves_preschool INTEGER NOT NULL DEFAULT 0 CHECK (serves_preschool IN (0,1)),
  serves_primary INTEGER NOT NULL DEFAULT 0 CHECK (serves_primary IN (0,1)),
  serves_junior INTEGER NOT NULL DEFAULT 0 CHECK (serves_junior IN (0,1)),
  serves_senior INTEGER NOT NULL DEFAULT 0 CHECK (serves_senior IN (0,1)),
  status TEXT NOT NULL CHECK (status IN ('pending','approved','refused','revoked','unlicensed')),
  status_note TEXT NOT NULL DEFAULT '',
  operator_user_id INTEGER REFERENCES users(id), -- the institution-role account that runs it
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (district_id, credit_code)
);
CREATE INDEX institution_status ON institution(district_id, status, id);
CREATE INDEX institution_operator ON institution(operator_user_id);
-- the registry's change stamp (MAX(updated_at)) for the public list's cache
CREATE INDEX institution_updated ON institution(district_id, updated_at);

-- Evidence (photos, PDF) of a visit, a case step or a public report. The
-- bytes live in the store, base64, so a backup of the database carries them;
-- the type was checked from the content (util/filesniff.h), the size capped.
-- owner_kind names the table the owner_id points into.
CREATE TABLE evidence (
  id INTEGER PRIMARY KEY,
  district_id INTEGER NOT NULL REFERENCES district(id),
  owner_kind TEXT NOT NULL CHECK (owner_kind IN ('visit','case','report')),
  owner_id INTEGER NOT NULL,
  file_name TEXT NOT NULL,
  mime TEXT NOT NULL CHECK (mime IN ('image/jpeg','image/png','application/pdf')),
  size INTEGER NOT NULL CHECK (size > 0),
  sha256 TEXT NOT NULL,
  data_b64 TEXT NOT NULL,
  uploaded_by INTEGER REFERENCES users(id), -- NULL: the public (a report)
  uploaded_at INTEGER NOT NULL
);
CREATE INDEX evidence_owner ON evidence(owner_kind, owner_id, id);

-- Applications (办学申请): an operator's request to run an institution, and
-- the bureau's decision against the published checklist (TI_STANDARDS).
-- One institution may carry several over time; one is pending at a time.
CREATE TABLE institution_application (
  id INTEGER PRIMARY KEY,
  district_id INTEGER NOT NULL REFERENCES district(id),
  institution_id INTEGER NOT NULL REFERENCES institution(id),
  operator_user_id INTEGER REFERENCES users(id), -- NULL: a paper application entered by the bureau
  status TEXT NOT NULL CHECK (status IN ('pending','approved','refused')),
  reason TEXT NOT NULL DEFAULT '',      -- the refusal's reason, the approval's note
  checklist TEXT NOT NULL DEFAULT '[]', -- JSON: the checklist items confirmed
  submitted_at INTEGER NOT NULL,
  decided_at INTEGER,
  decided_by INTEGER REFERENCES users(id)
);
CREATE INDEX institution_application_status ON institution_application(district_id, status, id);
CREATE INDEX institution_application_operator ON institution_application(operator_user_id, id);

-- Courses with their fees, kept current by the operator: a replaced list is
-- withdrawn (withdrawn = 1), never deleted. fee in fen (分). prepay_warned:
-- one charge above the pack's cap (TI_PREPAY_CAP), shown to the bureau.
CREATE TABLE institution_course (
  id INTEGER PRIMARY KEY,
  district_id INTEGER NOT NULL REFERENCES district(id),
  institution_id INTEGER NOT NULL REFERENCES institution(id),
  name TEXT NOT NULL,
  category TEXT NOT NULL CHECK (category IN ('subject','sports','arts','science','other')),
  grade_lo INTEGER NOT NULL CHECK (grade_lo BETWEEN 0 AND 12),
  grade_hi INTEGER NOT NULL CHECK (grade_hi BETWEEN 0 AND 12),
  fee_fen INTEGER NOT NULL CHECK (fee_fen >= 0),
  lessons INTEGER NOT NULL CHECK (lessons > 0),
  months INTEGER NOT NULL CHECK (months > 0),
  prepay_warned INTEGER NOT NULL DEFAULT 0 CHECK (prepay_warned IN (0,1)),
  withdrawn INTEGER NOT NULL DEFAULT 0 CHECK (withdrawn IN (0,1)),
  created_at INTEGER NOT NULL
);
CREATE INDEX institution_course_owner ON institution_course(institution_id, withdrawn, id);

-- Staff with their qualifications (教师资格证 / 专业技能证书 / 无), kept
-- current the same way.
CREATE TABLE institution_staff (
  id INTEGER PRIMARY KEY,
  district_id INTEGER NOT NULL REFERENCES district(id),
  institution_id INTEGER NOT NULL REFERENCES institution(id),
  name TEXT NOT NULL,
  qualification TEXT NOT NULL CHECK (qualification IN ('teacher','skill','none')),
  certificate_no TEXT NOT NULL DEFAULT '',
  withdrawn INTEGER NOT NULL DEFAULT 0 CHECK (withdrawn IN (0,1)),
  created_at INTEGER NOT NULL
);
CREATE INDEX institution_staff_owner ON institution_staff(institution_id, withdrawn, id);
