-- 0013 exams (考试): the school's term plans and results as grade levels
-- (五(四)4, B13).
--
-- exam_plan: one exam a school plans for one grade in one term (kind final
-- 期末, midterm 期中, unit 单元, monthly 月考; form paper 纸笔 or non_paper
-- 非纸笔). The rules (EX_G12_PAPER, EX_FINAL_ONCE, EX_MIDTERM,
-- EX_FORBIDDEN_KIND, the date inside the term) are checked before a row is
-- written, so every row kept was within them when planned. subjects is the
-- comma-joined list ("语文,数学"). A plan is withdrawn with a reason, never
-- deleted; a withdrawn plan no longer counts against the rules.
CREATE TABLE exam_plan (
  id INTEGER PRIMARY KEY,
  district_id INTEGER NOT NULL REFERENCES district(id),
  school_id INTEGER NOT NULL REFERENCES school(id),
  term_id INTEGER NOT NULL REFERENCES term(id),
  grade INTEGER NOT NULL CHECK (grade BETWEEN 1 AND 9),
  kind TEXT NOT NULL CHECK (kind IN ('final','midterm','unit','monthly')),
  form TEXT NOT NULL CHECK (form IN ('paper','non_paper')),
  exam_date TEXT NOT NULL,
  subjects TEXT NOT NULL,
  withdrawn INTEGER NOT NULL DEFAULT 0,
  withdrawn_reason TEXT NOT NULL DEFAULT '',
  withdrawn_at INTEGER,
  withdrawn_by INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL,
  created_by INTEGER NOT NULL REFERENCES users(id)
);
CREATE INDEX exam_plan_school ON exam_plan(school_id, term_id, grade, kind);
CREATE INDEX exam_plan_district ON exam_plan(district_id, term_id, school_id, id);

-- exam_result: a student's level in one subject of one exam (EX_NO_RANKING:
-- the level's name from the pack, never a score; no rank is kept). Entering
-- a level again keeps the old row (current = 0).
CREATE TABLE exam_result (
  id INTEGER PRIMARY KEY,
  exam_id INTEGER NOT NULL REFERENCES exam_plan(id),
  district_id INTEGER NOT NULL,
  class_id INTEGER NOT NULL REFERENCES class(id),
  student_id INTEGER NOT NULL REFERENCES student(id),
  subject TEXT NOT NULL,
  level TEXT NOT NULL,
  current INTEGER NOT NULL DEFAULT 1,
  recorded_at INTEGER NOT NULL,
  recorded_by INTEGER NOT NULL REFERENCES users(id)
);
CREATE INDEX exam_result_class ON exam_result(exam_id, class_id, current);
CREATE INDEX exam_result_student ON exam_result(exam_id, student_id, subject, current);
