-- Holiday schedules imported after the chinese-days package was published (issue 11 §4): one row per import of one
-- year's State Council schedule, never updated or deleted. The newest version of a year is in force; every deadline
-- computed afterwards counts on it. The row (who, when, content hash) is the import's audit record.
CREATE TABLE holiday_schedules (
  year         integer     NOT NULL CHECK (year BETWEEN 2000 AND 2999),
  version      integer     NOT NULL CHECK (version >= 1),
  holidays     jsonb       NOT NULL,  -- {"2027-01-01": "元旦", …}: days off
  workdays     jsonb       NOT NULL,  -- {"2027-02-07": "春节", …}: make-up working days (调休上班)
  content_hash text        NOT NULL,  -- sha256 of the canonical JSON of year, holidays and workdays
  imported_by  text        NOT NULL,
  imported_at  timestamptz NOT NULL,
  note         text,
  -- when every running case with a provisional deadline was asked to recompute on this version (NULL: not yet, or
  -- some case could not be reached — the next server start asks again; asking twice recomputes once)
  recomputed_at timestamptz,
  PRIMARY KEY (year, version)
);
