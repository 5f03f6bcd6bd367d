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
