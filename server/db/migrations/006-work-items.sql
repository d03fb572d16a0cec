-- Work items of any node kind replace case_tasks (issue 8 §2): a task is one work item, a whistle's summoned
-- departments are N of them, a meeting's sign-ins one per party. The inbox lists them without a table per kind.

CREATE TABLE case_work_items (
  case_id text NOT NULL REFERENCES cases (case_id) ON DELETE CASCADE,
  item_id text NOT NULL,
  -- the node kind that owns the item (task, whistle, meeting, …)
  kind text NOT NULL,
  node_id text NOT NULL,
  title_zh text NOT NULL,
  title_en text NOT NULL,
  assignee_role text NOT NULL,
  assignee_unit text NOT NULL,
  opened_at timestamptz NOT NULL,
  deadline timestamptz,
  deadline_provisional boolean,
  sla_state text NOT NULL CHECK (sla_state IN ('none', 'pending', 'running', 'reminded', 'breached', 'paused')),
  overdue boolean NOT NULL DEFAULT false,
  -- the kind's own stage of the item (open, objected, extension-requested, reported-in, …)
  stage text NOT NULL,
  status text NOT NULL CHECK (status IN ('open', 'completed', 'cancelled')),
  closed_at timestamptz,
  closed_by text,
  outcome text,
  -- a small JSON object the kind defines (what the inbox shows beside the title)
  payload jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(payload) = 'object'),
  PRIMARY KEY (case_id, item_id)
);
-- the inbox: open work items of one (role, unit), soonest deadline first
CREATE INDEX case_work_items_inbox_idx ON case_work_items (assignee_role, assignee_unit, deadline)
  WHERE status = 'open';

INSERT INTO case_work_items (case_id, item_id, kind, node_id, title_zh, title_en, assignee_role, assignee_unit,
                             opened_at, deadline, deadline_provisional, sla_state, overdue, stage, status, closed_at,
                             closed_by, outcome, payload)
SELECT case_id, task_id, 'task', node_id, title_zh, title_en, assignee_role, assignee_unit, opened_at, deadline,
       deadline_provisional,
       CASE WHEN deadline IS NULL THEN 'none' WHEN overdue THEN 'breached' ELSE 'running' END,
       overdue, status, status, closed_at, closed_by, outcome, '{}'::jsonb
FROM case_tasks;

DROP TABLE case_tasks;

-- Incidents not yet resolved (an activity that failed for good); lists flag such cases.
ALTER TABLE cases ADD COLUMN open_incidents integer NOT NULL DEFAULT 0 CHECK (open_incidents >= 0);

-- The work item a timeline entry concerns, whichever engine version wrote it (v1 entries name it `taskId`, v2
-- entries `workItemId`). task_id stays as v1 wrote it, so the chain check still compares every column to its entry.
ALTER TABLE case_timeline ADD COLUMN work_item_id text;
UPDATE case_timeline SET work_item_id = task_id;
