-- 0018 surveys: satisfaction surveys of parents, students (answered by the
-- parent, once per child) and teachers (B18.3, B30.2; SV_SURVEY, SV_MIN_GROUP).
--
-- sv_survey: published by the office for one school (school_id) or the
-- whole district (school_id NULL), for a term, open from opens to closes
-- (both days included). groups: the groups asked, comma-separated;
-- questions: the templates, scale and satisfied mark as published (JSON), so
-- a later pack does not change what an answer meant.
CREATE TABLE sv_survey (
  id INTEGER PRIMARY KEY,
  district_id INTEGER NOT NULL REFERENCES district(id),
  school_id INTEGER REFERENCES school(id),
  term_id INTEGER NOT NULL REFERENCES term(id),
  name TEXT NOT NULL,
  groups TEXT NOT NULL,
  questions TEXT NOT NULL,
  opens TEXT NOT NULL,
  closes TEXT NOT NULL,
  user_id INTEGER NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL,
  withdrawn INTEGER NOT NULL DEFAULT 0,
  CHECK (opens <= closes)
);
CREATE INDEX sv_survey_district ON sv_survey(district_id, term_id, id);

-- sv_answered: who has answered a survey, in which group (subject_id: the
-- child for the student group, else 0) - never what. Its key is the person,
-- so rows sit in key order, not in the order people answered.
CREATE TABLE sv_answered (
  survey_id INTEGER NOT NULL REFERENCES sv_survey(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  grp TEXT NOT NULL CHECK (grp IN ('parent','student','teacher')),
  subject_id INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (survey_id, user_id, grp, subject_id)
) WITHOUT ROWID;

-- sv_answer: one person's answers, without the person: a random id (no
-- rowid, no sequence), the school and group the answer counts for, and no
-- time at all, so nothing ties it to an sv_answered row or the audit trail.
CREATE TABLE sv_answer (
  id TEXT PRIMARY KEY,
  survey_id INTEGER NOT NULL REFERENCES sv_survey(id),
  school_id INTEGER NOT NULL REFERENCES school(id),
  grp TEXT NOT NULL CHECK (grp IN ('parent','student','teacher'))
) WITHOUT ROWID;
CREATE INDEX sv_answer_survey ON sv_answer(survey_id, school_id, grp);

-- sv_answer_item: the answer to one question: a value on the scale, or
-- words (note) for a free-text question.
CREATE TABLE sv_answer_item (
  answer_id TEXT NOT NULL REFERENCES sv_answer(id),
  question TEXT NOT NULL,
  value INTEGER,
  note TEXT,
  PRIMARY KEY (answer_id, question)
) WITHOUT ROWID;
