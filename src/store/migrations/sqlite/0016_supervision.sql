-- 0016 supervision (督导, 六 and the annex): assessment rounds, the 85 C items
-- scored per school, the school's evidence files.
--
-- sv_round: one round the supervision office opens for a term; the schools
-- in it are sv_round_school rows (a school outside the round cannot be
-- scored in it).
CREATE TABLE sv_round (
  id INTEGER PRIMARY KEY,
  district_id INTEGER NOT NULL REFERENCES district(id),
  term_id INTEGER NOT NULL REFERENCES term(id),
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  created_by INTEGER NOT NULL REFERENCES users(id)
);
CREATE INDEX sv_round_district ON sv_round(district_id, id);

CREATE TABLE sv_round_school (
  round_id INTEGER NOT NULL REFERENCES sv_round(id),
  school_id INTEGER NOT NULL REFERENCES school(id),
  PRIMARY KEY (round_id, school_id)
);
CREATE INDEX sv_round_school_school ON sv_round_school(school_id, round_id);

-- sv_score: a C item's score on the pack's scale (SV_SCALE key) by one side:
-- self (the school) or inspector (the final one). computed is the verdict of
-- the platform's records when it was scored ('' none); an inspector's score
-- that differs from it carries a reason (SV_REASON_REQUIRED). Scoring again
-- keeps the old row (current = 0).
CREATE TABLE sv_score (
  id INTEGER PRIMARY KEY,
  round_id INTEGER NOT NULL REFERENCES sv_round(id),
  school_id INTEGER NOT NULL REFERENCES school(id),
  item_id TEXT NOT NULL,
  side TEXT NOT NULL CHECK (side IN ('self','inspector')),
  score TEXT NOT NULL,
  comment TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT '',
  computed TEXT NOT NULL DEFAULT '',
  current INTEGER NOT NULL DEFAULT 1,
  recorded_at INTEGER NOT NULL,
  recorded_by INTEGER NOT NULL REFERENCES users(id)
);
CREATE INDEX sv_score_item ON sv_score(round_id, school_id, item_id, side, current);


-- sv_evidence: a file the school adds to its self-assessment of one item
-- (SV_EVIDENCE: type read from the bytes, size and count bound by the pack).
CREATE TABLE sv_evidence (
  id INTEGER PRIMARY KEY,
  district_id INTEGER NOT NULL REFERENCES district(id),
  round_id INTEGER NOT NULL REFERENCES sv_round(id),
  school_id INTEGER NOT NULL REFERENCES school(id),
  item_id TEXT NOT NULL,
  file_name TEXT NOT NULL,
  mime TEXT NOT NULL CHECK (mime IN ('image/jpeg','image/png','application/pdf')),
  size INTEGER NOT NULL CHECK (size > 0),
  sha256 TEXT NOT NULL,
  data_b64 TEXT NOT NULL,
  uploaded_by INTEGER NOT NULL REFERENCES users(id),
  uploaded_at INTEGER NOT NULL
);
CREATE INDEX sv_evidence_item ON sv_evidence(round_id, school_id, item_id, id);
