-- 0002 organisation: schools, classes, staff and their assignments, students,
-- guardians, terms and the term calendar. Every table that grows with
-- students carries district_id (the sharding key of DESIGN.md "Scale").
-- Records are withdrawn (withdrawn = 1), never deleted.
CREATE TABLE school (
  id INTEGER PRIMARY KEY,
  district_id INTEGER NOT NULL REFERENCES district(id),
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('primary','junior','nine_year')),
  boarding INTEGER NOT NULL DEFAULT 0,
  alliance TEXT NOT NULL DEFAULT '',
  withdrawn INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  UNIQUE (district_id, code)
);

CREATE TABLE staff (
  id INTEGER PRIMARY KEY,
  district_id INTEGER NOT NULL REFERENCES district(id),
  school_id INTEGER NOT NULL REFERENCES school(id),
  staff_no TEXT NOT NULL,
  name TEXT NOT NULL,
  subjects TEXT NOT NULL DEFAULT '',
  user_id INTEGER REFERENCES users(id),
  withdrawn INTEGER NOT NULL DEFAULT 0,
  UNIQUE (district_id, staff_no)
);
CREATE INDEX staff_school ON staff(school_id, id);
CREATE INDEX staff_user ON staff(user_id);

CREATE TABLE class (
  id INTEGER PRIMARY KEY,
  district_id INTEGER NOT NULL REFERENCES district(id),
  school_id INTEGER NOT NULL REFERENCES school(id),
  code TEXT NOT NULL,
  grade INTEGER NOT NULL CHECK (grade BETWEEN 1 AND 9),
  name TEXT NOT NULL,
  public_code TEXT NOT NULL UNIQUE,
  head_teacher_id INTEGER REFERENCES staff(id),
  withdrawn INTEGER NOT NULL DEFAULT 0,
  UNIQUE (school_id, code)
);
CREATE INDEX class_district ON class(district_id, school_id, grade, id);

CREATE TABLE teaching (
  district_id INTEGER NOT NULL,
  class_id INTEGER NOT NULL REFERENCES class(id),
  staff_id INTEGER NOT NULL REFERENCES staff(id),
  subject TEXT NOT NULL,
  withdrawn INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (class_id, subject, staff_id)
);
CREATE INDEX teaching_staff ON teaching(staff_id);

CREATE TABLE school_role (
  district_id INTEGER NOT NULL,
  school_id INTEGER NOT NULL REFERENCES school(id),
  staff_id INTEGER NOT NULL REFERENCES staff(id),
  role TEXT NOT NULL CHECK (role IN ('principal','academic_office','grade_head','subject_head')),
  scope TEXT NOT NULL DEFAULT '',
  withdrawn INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (school_id, staff_id, role, scope)
);

CREATE TABLE student (
  id INTEGER PRIMARY KEY,
  district_id INTEGER NOT NULL REFERENCES district(id),
  school_id INTEGER NOT NULL REFERENCES school(id),
  class_id INTEGER NOT NULL REFERENCES class(id),
  registry_no TEXT NOT NULL,
  name TEXT NOT NULL,
  gender TEXT NOT NULL CHECK (gender IN ('M','F')),
  special_needs INTEGER NOT NULL DEFAULT 0,
  boarding INTEGER NOT NULL DEFAULT 0,
  left_behind INTEGER NOT NULL DEFAULT 0,
  withdrawn INTEGER NOT NULL DEFAULT 0,
  UNIQUE (district_id, registry_no)
);
CREATE INDEX student_class ON student(class_id, id);
CREATE INDEX student_school ON student(school_id);

CREATE TABLE guardian (
  id INTEGER PRIMARY KEY,
  district_id INTEGER NOT NULL REFERENCES district(id),
  name TEXT NOT NULL,
  phone TEXT NOT NULL,
  user_id INTEGER REFERENCES users(id),
  UNIQUE (district_id, phone)
);
CREATE INDEX guardian_user ON guardian(user_id);

CREATE TABLE guardian_student (
  district_id INTEGER NOT NULL,
  guardian_id INTEGER NOT NULL REFERENCES guardian(id),
  student_id INTEGER NOT NULL REFERENCES student(id),
  relation TEXT NOT NULL,
  PRIMARY KEY (guardian_id, student_id)
);
CREATE INDEX guardian_student_student ON guardian_student(student_id);

CREATE TABLE term (
  id INTEGER PRIMARY KEY,
  district_id INTEGER NOT NULL REFERENCES district(id),
  name TEXT NOT NULL,
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  UNIQUE (district_id, name)
);

-- Days that differ from the week's rule: public holidays (法定节假日), make-up
-- working days (调休, counted as school days) and vacation days (寒暑假).
CREATE TABLE calendar_day (
  district_id INTEGER NOT NULL,
  day TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('holiday','makeup','vacation')),
  note TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (district_id, day)
);
