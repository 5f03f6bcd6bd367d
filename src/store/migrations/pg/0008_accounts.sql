-- 0008 accounts for a whole district (PostgreSQL: the same columns): accounts made in bulk from the records
-- already imported (staff, guardians), each pending activation with a
-- one-time code. A pending account has no password (password_hash '') and
-- an activation code kept as a keyed hash with its expiry; a parent's phone
-- is a login too. install_secret holds the key of that hash.
ALTER TABLE users ADD COLUMN phone TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN activation_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN activation_expires BIGINT NOT NULL DEFAULT 0;
CREATE INDEX users_phone ON users(phone) WHERE phone <> '';
CREATE INDEX users_school ON users(school_id, role, id);

CREATE TABLE install_secret (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
