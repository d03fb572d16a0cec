-- 双考核, the summoning office's side (issue 11 §3): the department's requests the office rules on (派单异议, 延期)
-- with their ruling, and one row per whistle that ended (closed or withdrawn) with what was true when it ended. Derived
-- from the hash-chained timeline by the projection in the same transaction (and rebuilt with it, `read-model rebuild`
-- fills them for cases projected before this migration). Timestamps are the recorded events' own instants.

-- The report-back deadline in force when the department last reported back (extensions included), and the timeline
-- seq of that report-back, so re-applying an older projection never moves it back.
ALTER TABLE whistle_assignments ADD COLUMN report_back_deadline timestamptz;
ALTER TABLE whistle_assignments ADD COLUMN report_back_seq integer;

CREATE TABLE whistle_rulings (
  case_id      text        NOT NULL,
  request_seq  integer     NOT NULL,  -- the timeline seq of the department's request: one row per request
  item_id      text        NOT NULL,  -- the department's work item
  whistle_id   text        NOT NULL,
  street       text        NOT NULL,  -- the case's street: the summoning office that rules
  kind         text        NOT NULL CHECK (kind IN ('objection', 'extension')),
  requested_at timestamptz NOT NULL,
  ruled_at     timestamptz,           -- null while pending, or for an extension request overtaken by a report-back
  granted      boolean,               -- objection upheld / extension approved
  PRIMARY KEY (case_id, request_seq)
);
CREATE INDEX whistle_rulings_ruled_idx ON whistle_rulings (ruled_at);
CREATE INDEX whistle_rulings_item_idx ON whistle_rulings (case_id, item_id, kind);

CREATE TABLE whistle_closures (
  case_id              text        NOT NULL,
  whistle_id           text        NOT NULL,
  street               text        NOT NULL,
  ended_at             timestamptz NOT NULL,
  result               text        NOT NULL CHECK (result IN ('settled', 'not-settled', 'withdrawn')),
  departments          integer     NOT NULL,  -- departments ever summoned to it
  upheld_objections    integer     NOT NULL,  -- of them, released on an upheld objection
  report_back_deadline timestamptz,           -- the latest in force among the departments left on it when it closed
  within_deadline      boolean,               -- closed at or before that deadline; null when withdrawn or none recorded
  PRIMARY KEY (case_id, whistle_id)
);
CREATE INDEX whistle_closures_ended_idx ON whistle_closures (ended_at);
