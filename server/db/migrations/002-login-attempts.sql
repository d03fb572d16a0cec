-- Password-login throttling (server/auth/login-throttle.ts), kept in the database so it survives restarts and holds
-- across every Gongzhi instance sharing this database.

-- One failed password login: by username (lockout) and by client address (per-address rate limit). Usernames here are
-- whatever was typed, known or not, so lockout behaves the same for both and does not reveal which users exist.
CREATE TABLE login_failures (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username text NOT NULL,
  client_ip text NOT NULL,
  failed_at timestamptz NOT NULL
);
CREATE INDEX login_failures_username_idx ON login_failures (username, failed_at);
CREATE INDEX login_failures_client_ip_idx ON login_failures (client_ip, failed_at);

-- A username locked after too many failures; logins are refused until locked_until.
CREATE TABLE login_lockouts (
  username text PRIMARY KEY,
  locked_until timestamptz NOT NULL
);
