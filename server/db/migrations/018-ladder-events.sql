-- The escalation ladder (issue 13 §2, §4): the rung each case is on, and one row per ladder timeline entry
-- (ladder.entered / escalated / descended / rung-overdue / settled), derived from the hash-chained timeline by the
-- projection in the same transaction, idempotent by timeline seq (and rebuilt with it: `read-model rebuild`). The
-- ladder measures read these rows only. Timestamps are the recorded events' own instants.
ALTER TABLE cases ADD COLUMN ladder_rung text;

CREATE TABLE ladder_events (
  case_id         text        NOT NULL,
  seq             integer     NOT NULL,  -- the timeline entry's seq: one row per entry
  kind            text        NOT NULL CHECK (kind IN ('entered', 'escalated', 'descended', 'overdue', 'settled')),
  from_rung       text,                  -- escalated / descended: the rung left
  from_index      integer,
  rung            text        NOT NULL,  -- the rung reached (entered / escalated / descended) or concerned
  rung_index      integer     NOT NULL,  -- its position on the template's ladder, 0 = the lowest
  cause           text CHECK (cause IN ('decision', 'breach', 'action-item', 'other')),
  actor           text        NOT NULL,
  reason          text,
  at              timestamptz NOT NULL,
  org_unit        text        NOT NULL,  -- the case's unit, for subtree filters
  case_started_at timestamptz NOT NULL,  -- settled rows: the time to settle counts from here
  PRIMARY KEY (case_id, seq)
);
CREATE INDEX ladder_events_kind_at_idx ON ladder_events (kind, at);

-- Joint-meeting attendance (联席会议): one row per party called to a meeting session, from the party's work item
-- opening, its sign-in and the session's end (resolved or adjourned). A session is held once it ended so.
CREATE TABLE meeting_attendance (
  case_id      text        NOT NULL,
  instance_id  text        NOT NULL,  -- the meeting node instance, e.g. compound-meeting.1
  session      integer     NOT NULL,
  party_role   text        NOT NULL,
  org_unit     text        NOT NULL,  -- the case's unit
  called_at    timestamptz NOT NULL,
  signed_in_at timestamptz,
  held_at      timestamptz,           -- when the session resolved or was adjourned; null while it has not
  PRIMARY KEY (case_id, instance_id, session, party_role)
);
CREATE INDEX meeting_attendance_held_idx ON meeting_attendance (held_at);
