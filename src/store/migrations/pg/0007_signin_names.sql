-- 0007 sign-in failures by user name, for every name tried, real or not: a
-- name that does not exist is counted and locked exactly like an account,
-- by the same code, so the answers to a sequence of sign-ins do not tell
-- whether a name is real (RELIABILITY.md "Accounts and sessions"). Kept in
-- the store, not in a process, because several servers share one database.
-- The key is the name as the sign-in looks it up (user names match exactly);
-- updated_at is the last failure: a count older than a day is forgotten and
-- such rows (unless locked) are pruned.
CREATE TABLE signin_name (
  username TEXT PRIMARY KEY,
  failed_count INTEGER NOT NULL DEFAULT 0,
  locked_until BIGINT NOT NULL DEFAULT 0,
  updated_at BIGINT NOT NULL
);
CREATE INDEX signin_name_updated ON signin_name (updated_at);

-- users.failed_count and users.locked_until are no longer read; locks and
-- counts in progress move over.
INSERT INTO signin_name (username, failed_count, locked_until, updated_at)
  SELECT username, failed_count, locked_until, CAST(EXTRACT(EPOCH FROM now()) AS BIGINT) FROM users
  WHERE failed_count > 0 OR locked_until > 0;
