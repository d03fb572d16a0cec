-- The case read model (DESIGN §1): what lists, inboxes and the audit trail read, projected idempotently from the case
-- workflows by the projectCase activity (activities/project). Temporal stays the truth for a live case; these tables
-- can be emptied and rebuilt from workflow histories (`gongzhi read-model rebuild`).

-- One row per case: its summary as of `revision` (the length of the case's timeline when projected; 0 = only the
-- start recorded by the API).
CREATE TABLE cases (
  case_id text PRIMARY KEY,
  template_key text NOT NULL,
  template_version integer NOT NULL,
  template_name_zh text NOT NULL,
  template_name_en text NOT NULL,
  org_unit text NOT NULL,
  status text NOT NULL CHECK (status IN ('running', 'completed', 'cancelled')),
  overdue boolean NOT NULL DEFAULT false,
  started_at timestamptz NOT NULL,
  finished_at timestamptz,
  started_by text NOT NULL,
  revision integer NOT NULL CHECK (revision >= 0),
  updated_at timestamptz NOT NULL
);
-- subtree filters: org_unit = $1 OR org_unit LIKE $1 || '/%'
CREATE INDEX cases_org_unit_prefix_idx ON cases (org_unit text_pattern_ops);
-- case lists: keyset pagination, newest first
CREATE INDEX cases_started_idx ON cases (started_at DESC, case_id DESC);
CREATE INDEX cases_template_idx ON cases (template_key, started_at DESC);

-- Every task a case has had: open ones feed the inboxes, closed ones say who closed them and how.
CREATE TABLE case_tasks (
  case_id text NOT NULL REFERENCES cases (case_id) ON DELETE CASCADE,
  task_id text NOT NULL,
  node_id text NOT NULL,
  title_zh text NOT NULL,
  title_en text NOT NULL,
  assignee_role text NOT NULL,
  assignee_unit text NOT NULL,
  opened_at timestamptz NOT NULL,
  deadline timestamptz,
  deadline_provisional boolean,
  overdue boolean NOT NULL DEFAULT false,
  status text NOT NULL CHECK (status IN ('open', 'completed', 'cancelled')),
  closed_at timestamptz,
  closed_by text,
  outcome text,
  PRIMARY KEY (case_id, task_id)
);
-- the inbox: open tasks of one (role, unit), soonest deadline first
CREATE INDEX case_tasks_inbox_idx ON case_tasks (assignee_role, assignee_unit, deadline) WHERE status = 'open';

-- The case's timeline, hash-chained for auditors: hash = sha256(prev_hash || canonical JSON of the entry).
CREATE TABLE case_timeline (
  case_id text NOT NULL REFERENCES cases (case_id) ON DELETE CASCADE,
  seq integer NOT NULL CHECK (seq >= 1),
  at timestamptz NOT NULL,
  type text NOT NULL,
  actor text NOT NULL,
  node_id text,
  task_id text,
  entry jsonb NOT NULL,
  prev_hash text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
  hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
  PRIMARY KEY (case_id, seq)
);
