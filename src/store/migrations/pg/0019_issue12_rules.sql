-- 0013 rules that let a school through where the plan does not (issue 12).
--
-- as_dismissal: each school's dismissal time (放学时间) per weekday, minutes
-- after midnight; NULL when the school does not let out that day. The
-- after-school plan's regular service starts from it (AS_COVERAGE, 五(三)1).
CREATE TABLE as_dismissal (
  school_id BIGINT NOT NULL REFERENCES school(id),
  weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  district_id BIGINT NOT NULL REFERENCES district(id),
  at_min INTEGER CHECK (at_min BETWEEN 0 AND 1439),
  updated_at BIGINT NOT NULL,
  updated_by BIGINT REFERENCES users(id),
  PRIMARY KEY (school_id, weekday)
);

-- hw_school.head_any_subject: 1 when the school lets a head teacher (班主任)
-- post homework for a subject of their class that they do not teach; 0 when
-- they post only their own subjects. 1 keeps what schools had before.
ALTER TABLE hw_school ADD COLUMN head_any_subject INTEGER NOT NULL DEFAULT 1
  CHECK (head_any_subject IN (0, 1));

-- hw_class_day.optional_minutes: the running total of the class-day's
-- optional (选做) written minutes, held to the pack's cap (HW_OPTIONAL) the
-- way written_minutes is held to the daily limit.
ALTER TABLE hw_class_day ADD COLUMN optional_minutes INTEGER NOT NULL DEFAULT 0;
UPDATE hw_class_day SET optional_minutes = (SELECT COALESCE(SUM(h.minutes), 0) FROM homework h
  WHERE h.class_id = hw_class_day.class_id AND h.assigned_on = hw_class_day.day
  AND h.kind = 'written' AND h.tier = 'optional' AND h.status IN ('pending', 'published'));

-- homework.level: the poster's declaration of the item's difficulty
-- (HW_DIFFICULTY, B9.1): standard 课标内, extension 拓展/超纲 (only for the
-- 提高 and 选做 tiers).
ALTER TABLE homework ADD COLUMN level TEXT NOT NULL DEFAULT 'standard'
  CHECK (level IN ('standard', 'extension'));

-- hw_difficulty_review: the grade or subject head's check of an item against
-- the curriculum standard (HW_DIFFICULTY, B9.1), from the weekly sample; a
-- new check of the same item replaces the last (the audit trail keeps both).
CREATE TABLE hw_difficulty_review (
  homework_id BIGINT PRIMARY KEY REFERENCES homework(id),
  district_id BIGINT NOT NULL REFERENCES district(id),
  school_id BIGINT NOT NULL REFERENCES school(id),
  reviewer_id BIGINT NOT NULL REFERENCES users(id),
  within_standard INTEGER NOT NULL CHECK (within_standard IN (0, 1)),
  note TEXT NOT NULL DEFAULT '',
  reviewed_at BIGINT NOT NULL
);
CREATE INDEX hw_difficulty_review_school ON hw_difficulty_review(school_id, reviewed_at);
