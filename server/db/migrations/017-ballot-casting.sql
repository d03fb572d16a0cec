-- Casting the owners' vote (issue 12 §1, §3): one-time electronic tokens, receipts, staff entries of paper and proxy
-- ballots (with optional double entry), refused second ballots for reconciliation, a box's settings, and the audit
-- of single-unit edits of the roll. Tokens and receipt codes are stored only as sha256 hashes.

-- A box's settings the staff may change while it is open.
CREATE TABLE ballot_box_settings (
  box_id text PRIMARY KEY REFERENCES ballot_boxes (id) ON DELETE CASCADE,
  -- every paper / proxy entry waits for a second entry by a different staff member
  require_second_entry boolean NOT NULL DEFAULT false,
  updated_by text NOT NULL,
  updated_at timestamptz NOT NULL
);

-- One-time electronic ballot tokens (电子投票): one per owner set of the box's snapshot.
CREATE TABLE ballot_tokens (
  token_hash text PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  box_id text NOT NULL REFERENCES ballot_boxes (id) ON DELETE CASCADE,
  issued_by text NOT NULL,
  issued_at timestamptz NOT NULL,
  -- set when a re-issue took its last part away
  revoked_at timestamptz,
  -- set by the cast (once per matter set), with the receipt it produced
  used_at timestamptz,
  receipt_hash text CHECK (receipt_hash ~ '^[0-9a-f]{64}$')
);
CREATE INDEX ballot_tokens_box_idx ON ballot_tokens (box_id);

-- Which token votes for which part: at most one per part (a re-issue moves the part to the new token).
CREATE TABLE ballot_token_parts (
  box_id text NOT NULL,
  unit text NOT NULL,
  token_hash text NOT NULL REFERENCES ballot_tokens (token_hash) ON DELETE CASCADE,
  PRIMARY KEY (box_id, unit),
  FOREIGN KEY (box_id, unit) REFERENCES ballot_box_parts (box_id, unit) ON DELETE CASCADE
);
CREATE INDEX ballot_token_parts_token_idx ON ballot_token_parts (token_hash);

-- One receipt per cast (a multi-part owner's cast is one receipt for all parts). `receipt_hash` is sha256 of the
-- normalised code; each part's `ballots.receipt_hash` is sha256 of the code and the unit (server/votes/receipts.ts).
CREATE TABLE ballot_receipts (
  box_id text NOT NULL REFERENCES ballot_boxes (id) ON DELETE CASCADE,
  receipt_hash text NOT NULL CHECK (receipt_hash ~ '^[0-9a-f]{64}$'),
  units text[] NOT NULL,
  choices jsonb NOT NULL,
  channel text NOT NULL CHECK (channel IN ('electronic', 'paper', 'proxy')),
  cast_at timestamptz NOT NULL,
  PRIMARY KEY (box_id, receipt_hash)
);

-- Staff entries of paper (书面) and proxy (委托) ballots: the scan (and the authorisation) as attachment references.
-- `pending` waits for a second entry by another person; `counted` made a ballot; `mismatch` disagreed with the pending
-- entry `pending_of`; `discarded` was withdrawn.
CREATE TABLE ballot_entries (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  box_id text NOT NULL REFERENCES ballot_boxes (id) ON DELETE CASCADE,
  unit text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('paper', 'proxy')),
  choices jsonb NOT NULL,
  scan jsonb NOT NULL,
  authorisation jsonb,
  entered_by text NOT NULL,
  entered_at timestamptz NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'counted', 'mismatch', 'discarded')),
  pending_of bigint REFERENCES ballot_entries (id),
  CHECK (channel = 'paper' OR authorisation IS NOT NULL)
);
CREATE UNIQUE INDEX ballot_entries_pending_idx ON ballot_entries (box_id, unit) WHERE status = 'pending';
CREATE INDEX ballot_entries_box_idx ON ballot_entries (box_id, status);

-- Every refused second ballot (any channel), for reconciliation: what was attempted and the ballot that counts.
CREATE TABLE ballot_conflicts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  box_id text NOT NULL REFERENCES ballot_boxes (id) ON DELETE CASCADE,
  unit text NOT NULL,
  attempted_channel text NOT NULL CHECK (attempted_channel IN ('electronic', 'paper', 'proxy')),
  attempted_at timestamptz NOT NULL,
  -- the staff member, or 'token' (an electronic attempt; `token_hash` says which)
  attempted_by text NOT NULL,
  token_hash text,
  first_channel text NOT NULL,
  first_cast_at timestamptz NOT NULL
);
CREATE INDEX ballot_conflicts_box_idx ON ballot_conflicts (box_id, id);

-- Single-unit edits of the roll (业主名册), with phones and ID numbers masked in before / after.
CREATE TABLE electorate_unit_audit (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  compound text NOT NULL,
  unit text NOT NULL,
  edited_by text NOT NULL,
  edited_at timestamptz NOT NULL,
  reason text NOT NULL,
  before jsonb,
  after jsonb NOT NULL
);
CREATE INDEX electorate_unit_audit_idx ON electorate_unit_audit (compound, unit, id);
