-- 0009 schema parity: a TEXT PRIMARY KEY of an SQLite rowid table accepts
-- NULL (an old SQLite quirk kept for compatibility); PostgreSQL makes every
-- key column NOT NULL. sessions.id_hash, signin_name.username and
-- install_secret.name become NOT NULL here too, by rebuilding each table
-- (SQLite cannot add NOT NULL to a column in place). No table references
-- these three, so dropping the old one checks no foreign key. A row with a
-- NULL key is left behind: no lookup (WHERE key = ?) can ever reach it.
-- tests/unit/test_schema.c compares the two migrated schemas.
CREATE TABLE sessions_new (
  id_hash TEXT NOT NULL PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  district_id INTEGER NOT NULL,
  csrf TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen INTEGER NOT NULL,
  revoked INTEGER NOT NULL DEFAULT 0
);
INSERT INTO sessions_new (id_hash, user_id, district_id, csrf, created_at, last_seen, revoked)
  SELECT id_hash, user_id, district_id, csrf, created_at, last_seen, revoked FROM sessions
  WHERE id_hash IS NOT NULL;
DROP TABLE sessions;
ALTER TABLE sessions_new RENAME TO sessions;
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE signin_name_new (
  username TEXT NOT NULL PRIMARY KEY,
  failed_count INTEGER NOT NULL DEFAULT 0,
  locked_until BIGINT NOT NULL DEFAULT 0,
  updated_at BIGINT NOT NULL
);
INSERT INTO signin_name_new (username, failed_count, locked_until, updated_at)
  SELECT username, failed_count, locked_until, updated_at FROM signin_name
  WHERE username IS NOT NULL;
DROP TABLE signin_name;
ALTER TABLE signin_name_new RENAME TO signin_name;
CREATE INDEX signin_name_updated ON signin_name (updated_at);

CREATE TABLE install_secret_new (
  name TEXT NOT NULL PRIMARY KEY,
  value TEXT NOT NULL
);
INSERT INTO install_secret_new (name, value)
  SELECT name, value FROM install_secret WHERE name IS NOT NULL;
DROP TABLE install_secret;
ALTER TABLE install_secret_new RENAME TO install_secret;
