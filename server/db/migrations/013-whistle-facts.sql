-- 三率 (issue 11 §3): one row per department summoned to a whistle and one per resident callback, derived from the
-- hash-chained timeline by the projection in the same transaction (and rebuilt with it), so the monthly rates read
-- two narrow indexed tables instead of parsing timeline JSON. Timestamps are the recorded events' own instants.
CREATE TABLE whistle_assignments (
  case_id             text        NOT NULL,
  item_id             text        NOT NULL,
  whistle_id          text        NOT NULL,  -- the whistle node instance, e.g. whistle.1
  department_role     text        NOT NULL,  -- dept-<kind>
  department_unit     text        NOT NULL,
  street              text        NOT NULL,  -- the case's street: the summoning office
  summoned_at         timestamptz NOT NULL,
  report_in_deadline  timestamptz,
  reported_in_at      timestamptz,
  reported_in_on_time boolean,
  objection_upheld_at timestamptz,
  reported_back_at    timestamptz,
  PRIMARY KEY (case_id, item_id)
);
CREATE INDEX whistle_assignments_deadline_idx ON whistle_assignments (report_in_deadline);
CREATE INDEX whistle_assignments_case_idx ON whistle_assignments (case_id, whistle_id);

CREATE TABLE whistle_callbacks (
  case_id           text        NOT NULL,
  whistle_id        text        NOT NULL,
  street            text        NOT NULL,
  recorded_at       timestamptz NOT NULL,
  contacted_in_time boolean     NOT NULL,
  resolved          boolean     NOT NULL,
  satisfaction      text        NOT NULL CHECK (satisfaction IN ('satisfied', 'basically-satisfied', 'dissatisfied')),
  PRIMARY KEY (case_id, whistle_id)
);
CREATE INDEX whistle_callbacks_recorded_idx ON whistle_callbacks (recorded_at);
