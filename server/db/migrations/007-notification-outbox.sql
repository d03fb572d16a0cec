-- The notification outbox (issue 9 §3): the sendNotification activity inserts one row per (case, notification id),
-- idempotently, with the recipients it resolved from the directory; dispatchers (any number of instances) claim due
-- rows with FOR UPDATE SKIP LOCKED, deliver them through the row's channel and mark them delivered, retry them with
-- backoff, or move them to the dead-letter state an admin sees and can retry.

CREATE TABLE notification_outbox (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id text NOT NULL,
  notification_id text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('in-app', 'wecom', 'sms', 'email')),
  reason text NOT NULL,
  node_id text NOT NULL,
  recipient_role text NOT NULL,
  recipient_unit text NOT NULL,
  message_zh text NOT NULL,
  message_en text NOT NULL,
  -- pending: due at next_attempt_at; delivered: done; dead: gave up (last_error says why), waits for an admin
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead')),
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at timestamptz NOT NULL,
  -- a dispatcher's claim: while claimed_until lies ahead no other dispatcher takes the row
  claimed_until timestamptz,
  claim_token text,
  last_error text,
  created_at timestamptz NOT NULL,
  delivered_at timestamptz,
  dead_at timestamptz,
  CONSTRAINT notification_outbox_once UNIQUE (case_id, notification_id)
);
-- the dispatchers' poll: pending rows by due time
CREATE INDEX notification_outbox_due_idx ON notification_outbox (next_attempt_at, id) WHERE status = 'pending';
-- the admins' dead-letter view
CREATE INDEX notification_outbox_dead_idx ON notification_outbox (dead_at DESC, id DESC) WHERE status = 'dead';
CREATE INDEX notification_outbox_status_idx ON notification_outbox (status, id);

-- Who a notification is for: the holders of the role at the unit when it was written (the in-app inbox reads this).
-- No foreign key to users: the record stays when a user leaves the directory.
CREATE TABLE notification_recipients (
  outbox_id bigint NOT NULL REFERENCES notification_outbox (id) ON DELETE CASCADE,
  username text NOT NULL,
  -- set when a per-person channel (SMS, e-mail) reached this person, so a retry does not send to them again
  delivered_at timestamptz,
  read_at timestamptz,
  PRIMARY KEY (outbox_id, username)
);
CREATE INDEX notification_recipients_inbox_idx ON notification_recipients (username, outbox_id DESC);

-- Recipients' contact details for the SMS and e-mail channels. Personal data: it stays here, never in workflow
-- history (the activity passes only the role and unit; the dispatcher reads these when it delivers).
CREATE TABLE user_contacts (
  username text PRIMARY KEY REFERENCES users (username) ON DELETE CASCADE,
  phone text CHECK (phone ~ '^\+?[0-9]{6,20}$'),
  email text CHECK (email ~ '^[^@\s]+@[^@\s]+$')
);
