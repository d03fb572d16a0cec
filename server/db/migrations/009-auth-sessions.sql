-- Login sessions: every password login opens one; its short-lived tokens carry its id (`sid`) and are refreshed
-- while it lives (a sliding session), so a person filling a long form stays signed in. Logout revokes it; a changed
-- password revokes all of the user's sessions (the trigger below, whatever path changes the hash).
CREATE TABLE auth_sessions (
  id text PRIMARY KEY,
  username text NOT NULL REFERENCES users (username) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  revoked_reason text
);
CREATE INDEX auth_sessions_username ON auth_sessions (username) WHERE revoked_at IS NULL;

CREATE FUNCTION auth_sessions_revoke_on_password_change() RETURNS trigger AS $$
BEGIN
  IF NEW.password_hash IS DISTINCT FROM OLD.password_hash THEN
    UPDATE auth_sessions SET revoked_at = now(), revoked_reason = 'password-changed'
     WHERE username = NEW.username AND revoked_at IS NULL;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER users_password_change_revokes_sessions
  AFTER UPDATE OF password_hash ON users
  FOR EACH ROW EXECUTE FUNCTION auth_sessions_revoke_on_password_change();
