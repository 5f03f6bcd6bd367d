-- 0003 homework: items with their history, the running written total of each
-- class-day, grading records, parents' reports of actual time, follow-ups of
-- children who often do not finish, refused posts, and each school's settings
-- (approval switch, the school's homework plan 一校一案).
-- Records are withdrawn or returned, never deleted.
CREATE TABLE hw_school (
  school_id INTEGER PRIMARY KEY REFERENCES school(id),
  district_id INTEGER NOT NULL REFERENCES district(id),
  approval INTEGER NOT NULL DEFAULT 0,
  plan TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 1,
  updated_at INTEGER NOT NULL,
  updated_by INTEGER REFERENCES users(id)
);

CREATE TABLE homework (
  id INTEGER PRIMARY KEY,
  district_id INTEGER NOT NULL REFERENCES district(id),
  school_id INTEGER NOT NULL REFERENCES school(id),
  class_id INTEGER NOT NULL REFERENCES class(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  staff_id INTEGER REFERENCES staff(id),
  subject TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('written','reading','oral','practice','inquiry','handcraft')),
  tier TEXT NOT NULL CHECK (tier IN ('basic','advanced','optional')),
  title TEXT NOT NULL,
  content TEXT NOT NULL,
  minutes INTEGER NOT NULL CHECK (minutes > 0),
  counted INTEGER NOT NULL CHECK (counted >= 0),
  assigned_on TEXT NOT NULL,
  due_on TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending','published','returned','withdrawn')),
  version INTEGER NOT NULL DEFAULT 1,
  reason TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX homework_class_day ON homework(class_id, assigned_on);
CREATE INDEX homework_school_day ON homework(school_id, assigned_on);
CREATE INDEX homework_district_day ON homework(district_id, assigned_on);

-- The running written total of a class-day: every post for that class and day
-- updates (and so locks) this one row, so two teachers posting at once cannot
-- together pass the limit.
CREATE TABLE hw_class_day (
  district_id INTEGER NOT NULL,
  school_id INTEGER NOT NULL,
  class_id INTEGER NOT NULL REFERENCES class(id),
  day TEXT NOT NULL,
  written_minutes INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (class_id, day)
);
CREATE INDEX hw_class_day_school ON hw_class_day(school_id, day);

CREATE TABLE hw_change (
  id INTEGER PRIMARY KEY,
  district_id INTEGER NOT NULL,
  class_id INTEGER NOT NULL,
  homework_id INTEGER NOT NULL REFERENCES homework(id),
  day TEXT NOT NULL,
  made_at INTEGER NOT NULL,
  user_id INTEGER NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('post','publish','edit','withdraw','approve','return')),
  shown INTEGER NOT NULL DEFAULT 0,
  reason TEXT NOT NULL DEFAULT '',
  old_json TEXT NOT NULL DEFAULT '{}',
  new_json TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX hw_change_class_day ON hw_change(class_id, day, id);
CREATE INDEX hw_change_homework ON hw_change(homework_id, id);

CREATE TABLE hw_grading (
  homework_id INTEGER PRIMARY KEY REFERENCES homework(id),
  district_id INTEGER NOT NULL,
  school_id INTEGER NOT NULL,
  method TEXT NOT NULL CHECK (method IN ('teacher','face','peer','group')),
  reviewed INTEGER NOT NULL DEFAULT 0,
  notes TEXT NOT NULL DEFAULT '',
  user_id INTEGER NOT NULL,
  made_at INTEGER NOT NULL
);

CREATE TABLE hw_report (
  district_id INTEGER NOT NULL,
  school_id INTEGER NOT NULL,
  class_id INTEGER NOT NULL REFERENCES class(id),
  student_id INTEGER NOT NULL REFERENCES student(id),
  day TEXT NOT NULL,
  minutes INTEGER NOT NULL CHECK (minutes >= 0),
  finished INTEGER NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  user_id INTEGER NOT NULL,
  made_at INTEGER NOT NULL,
  PRIMARY KEY (student_id, day)
);
CREATE INDEX hw_report_class_day ON hw_report(class_id, day);
CREATE INDEX hw_report_school_day ON hw_report(school_id, day);
-- the district view aggregates a range of days without touching the rows
CREATE INDEX hw_report_district_day ON hw_report(district_id, day, class_id, minutes, finished);

CREATE TABLE hw_followup (
  id INTEGER PRIMARY KEY,
  district_id INTEGER NOT NULL,
  school_id INTEGER NOT NULL,
  class_id INTEGER NOT NULL REFERENCES class(id),
  student_id INTEGER NOT NULL REFERENCES student(id),
  opened_on TEXT NOT NULL,
  unfinished INTEGER NOT NULL,
  reasons TEXT NOT NULL DEFAULT '{}',
  status TEXT NOT NULL CHECK (status IN ('open','closed')),
  note TEXT NOT NULL DEFAULT '',
  closed_by INTEGER,
  closed_at INTEGER,
  created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX hw_followup_one_open ON hw_followup(student_id) WHERE status = 'open';
CREATE INDEX hw_followup_class ON hw_followup(class_id, status);
CREATE INDEX hw_followup_school ON hw_followup(school_id, status);

CREATE TABLE hw_refusal (
  id INTEGER PRIMARY KEY,
  district_id INTEGER NOT NULL,
  school_id INTEGER NOT NULL,
  class_id INTEGER NOT NULL,
  user_id INTEGER NOT NULL,
  made_at INTEGER NOT NULL,
  day TEXT NOT NULL,
  code TEXT NOT NULL,
  subject TEXT NOT NULL,
  minutes INTEGER NOT NULL,
  details TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX hw_refusal_school ON hw_refusal(school_id, day);
