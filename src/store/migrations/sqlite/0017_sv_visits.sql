-- 0017 supervision visits (督导检查) and rectification notices (整改通知)
-- (seed 六; issue 15 part SC). The office plans a visit to a school with
-- inspectors of the district, records findings per C item of the annex with
-- evidence, issues a notice listing items and a deadline (SV_RECTIFY); the
-- school answers with its rectification and evidence; a re-visit (a visit
-- linked to the notice) closes it with a result. Nothing is deleted.
--
-- sv_visit.notice_id: the notice this visit re-inspects (复查), or NULL.
-- inspectors: comma list of the inspectors' user ids, in the order given.
CREATE TABLE sv_visit (
  id INTEGER PRIMARY KEY,
  district_id INTEGER NOT NULL REFERENCES district(id),
  school_id INTEGER NOT NULL REFERENCES school(id),
  visit_on TEXT NOT NULL,
  inspectors TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  notice_id INTEGER,
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL
);
CREATE INDEX sv_visit_district ON sv_visit(district_id, id);
CREATE INDEX sv_visit_school ON sv_visit(school_id, id);

-- One finding per row: a C item of the pack and what was seen.
CREATE TABLE sv_finding (
  id INTEGER PRIMARY KEY,
  visit_id INTEGER NOT NULL REFERENCES sv_visit(id),
  item_id TEXT NOT NULL,
  text TEXT NOT NULL,
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL
);
CREATE INDEX sv_finding_visit ON sv_finding(visit_id, id);

-- status: open 待整改, answered 已答复, closed 已销号 (core/sv_visit.h).
-- items: comma list of C item ids. A closed notice names the re-visit and
-- its result (rectified 整改到位, not_rectified 整改不到位).
CREATE TABLE sv_notice (
  id INTEGER PRIMARY KEY,
  district_id INTEGER NOT NULL REFERENCES district(id),
  school_id INTEGER NOT NULL REFERENCES school(id),
  visit_id INTEGER NOT NULL REFERENCES sv_visit(id),
  items TEXT NOT NULL,
  text TEXT NOT NULL,
  issued_on TEXT NOT NULL,
  deadline TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','answered','closed')),
  answer TEXT,
  answered_on TEXT,
  answered_by INTEGER REFERENCES users(id),
  closed_on TEXT,
  close_visit_id INTEGER REFERENCES sv_visit(id),
  result TEXT CHECK (result IS NULL OR result IN ('rectified','not_rectified')),
  result_note TEXT,
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL,
  CHECK (deadline >= issued_on),
  CHECK ((status = 'closed') = (result IS NOT NULL))
);
CREATE INDEX sv_notice_district ON sv_notice(district_id, status, deadline);
CREATE INDEX sv_notice_school ON sv_notice(school_id, id);

-- Evidence of a finding (sv_finding) and of a school's answer (sv_notice)
-- lives in the evidence table (0010) with its own owner kinds. SQLite cannot
-- change a CHECK in place: the table is rebuilt (no table references it).
CREATE TABLE evidence_new (
  id INTEGER PRIMARY KEY,
  district_id INTEGER NOT NULL REFERENCES district(id),
  owner_kind TEXT NOT NULL CHECK (owner_kind IN ('visit','case','report','sv_finding','sv_notice')),
  owner_id INTEGER NOT NULL,
  file_name TEXT NOT NULL,
  mime TEXT NOT NULL CHECK (mime IN ('image/jpeg','image/png','application/pdf')),
  size INTEGER NOT NULL CHECK (size > 0),
  sha256 TEXT NOT NULL,
  data_b64 TEXT NOT NULL,
  uploaded_by INTEGER REFERENCES users(id), -- NULL: the public (a report)
  uploaded_at INTEGER NOT NULL
);
INSERT INTO evidence_new (id, district_id, owner_kind, owner_id, file_name, mime, size, sha256,
  data_b64, uploaded_by, uploaded_at)
  SELECT id, district_id, owner_kind, owner_id, file_name, mime, size, sha256, data_b64,
  uploaded_by, uploaded_at FROM evidence;
DROP TABLE evidence;
ALTER TABLE evidence_new RENAME TO evidence;
CREATE INDEX evidence_owner ON evidence(owner_kind, owner_id, id);
