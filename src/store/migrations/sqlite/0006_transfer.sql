-- 0006 transfers (转学 / 调动): a student or a staff member moves between two
-- schools of the district. One side (or the bureau) requests, the other side
-- or the bureau confirms or rejects; the requester may cancel while it is
-- open. On confirmation the record moves and its school-bound links follow
-- (after-school applications of the old school are withdrawn; teaching,
-- head-teacher and school roles at the old school are withdrawn). The rows
-- are the record's history: never deleted.
CREATE TABLE transfer (
  id INTEGER PRIMARY KEY,
  district_id INTEGER NOT NULL REFERENCES district(id),
  kind TEXT NOT NULL CHECK (kind IN ('student','staff')),
  student_id INTEGER REFERENCES student(id),
  staff_id INTEGER REFERENCES staff(id),
  from_school_id INTEGER NOT NULL REFERENCES school(id),
  from_class_id INTEGER REFERENCES class(id),
  to_school_id INTEGER NOT NULL REFERENCES school(id),
  to_class_id INTEGER REFERENCES class(id),
  side TEXT NOT NULL CHECK (side IN ('from','to','bureau')),
  reason TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('requested','confirmed','rejected','cancelled')),
  requested_by INTEGER NOT NULL REFERENCES users(id),
  requested_at INTEGER NOT NULL,
  decided_by INTEGER REFERENCES users(id),
  decided_at INTEGER,
  note TEXT NOT NULL DEFAULT '',
  CHECK ((kind = 'student') = (student_id IS NOT NULL)),
  CHECK ((kind = 'staff') = (staff_id IS NOT NULL))
);
-- at most one open transfer per person
CREATE UNIQUE INDEX transfer_open_student ON transfer(student_id) WHERE status = 'requested';
CREATE UNIQUE INDEX transfer_open_staff ON transfer(staff_id) WHERE status = 'requested';
CREATE INDEX transfer_from ON transfer(from_school_id, id);
CREATE INDEX transfer_to ON transfer(to_school_id, id);
CREATE INDEX transfer_district ON transfer(district_id, id);
