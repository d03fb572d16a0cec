-- The electorate of an owners' vote (业主名册, issue 12): a compound's exclusive parts (专有部分) with their registered
-- area, the owners (personal data: it stays in this database, never in Temporal history, search attributes or anything
-- public) and who owns which part (several owners of one part are co-owners, one head). An import replaces a
-- compound's roll as a whole; a vote counts against the snapshot taken when it opened, not against these rows.

CREATE TABLE electorate_units (
  compound text NOT NULL REFERENCES org_units (path),
  unit text NOT NULL CHECK (length(unit) BETWEEN 1 AND 64),
  building text CHECK (length(building) <= 64),
  stairwell text CHECK (length(stairwell) <= 64),
  room text CHECK (length(room) <= 64),
  -- registered area (不动产登记簿) in 0.01 m²: exact, never a float
  area_centi bigint NOT NULL CHECK (area_centi > 0),
  -- unsold, or sold but not delivered (司法解释 Art. 9): all such parts of a compound count as one head together
  developer_held boolean NOT NULL,
  PRIMARY KEY (compound, unit)
);

CREATE TABLE electorate_owners (
  compound text NOT NULL REFERENCES org_units (path),
  owner_id text NOT NULL CHECK (length(owner_id) BETWEEN 1 AND 64),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  phone text CHECK (phone ~ '^\+?[0-9][0-9 -]{4,19}$'),
  -- 居民身份证号码: 17 digits and a check character
  id_number text CHECK (id_number ~ '^[0-9]{17}[0-9X]$'),
  PRIMARY KEY (compound, owner_id)
);

CREATE TABLE electorate_unit_owners (
  compound text NOT NULL,
  unit text NOT NULL,
  owner_id text NOT NULL,
  PRIMARY KEY (compound, unit, owner_id),
  FOREIGN KEY (compound, unit) REFERENCES electorate_units (compound, unit) ON DELETE CASCADE,
  FOREIGN KEY (compound, owner_id) REFERENCES electorate_owners (compound, owner_id) ON DELETE CASCADE
);
CREATE INDEX electorate_unit_owners_owner_idx ON electorate_unit_owners (compound, owner_id);

-- A ballot box (投票箱) of an owners' vote: opened with a copy of the compound's roll (the electorate snapshot the
-- ballots are counted against, whatever the roll becomes later), closed once by the tally, which counts in the same
-- transaction — a ballot arriving after the close is refused. Ballots never go through Temporal.
CREATE TABLE ballot_boxes (
  id text PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 200),
  compound text NOT NULL REFERENCES org_units (path),
  -- the matters on the ballot: [{ key, item } | { key, class }] (definitions/vote Matter)
  matters jsonb NOT NULL,
  rule_set text NOT NULL CHECK (rule_set IN ('civil-code-2021', 'property-law-2007')),
  -- sha256 of the canonical roll copied into ballot_box_parts (server/votes/digests.ts canonicalRoll)
  electorate_hash text NOT NULL,
  opened_at timestamptz NOT NULL,
  closed_at timestamptz
);

-- The roll as it stood when the box opened: owner ids only (no names), so the count needs no personal data.
CREATE TABLE ballot_box_parts (
  box_id text NOT NULL REFERENCES ballot_boxes (id) ON DELETE CASCADE,
  unit text NOT NULL,
  area_centi bigint NOT NULL CHECK (area_centi > 0),
  owner_ids text[] NOT NULL,
  developer_held boolean NOT NULL,
  PRIMARY KEY (box_id, unit)
);

-- At most one ballot per exclusive part and box: the primary key is the reconciliation rule.
CREATE TABLE ballots (
  box_id text NOT NULL,
  unit text NOT NULL,
  -- { <matter key>: 'agree' | 'oppose' | 'abstain' }
  choices jsonb NOT NULL,
  channel text NOT NULL CHECK (channel IN ('electronic', 'paper', 'proxy')),
  cast_at timestamptz NOT NULL,
  -- sha256 hex of the owner's receipt code (the code itself is never stored)
  receipt_hash text NOT NULL CHECK (receipt_hash ~ '^[0-9a-f]{64}$'),
  PRIMARY KEY (box_id, unit),
  FOREIGN KEY (box_id, unit) REFERENCES ballot_box_parts (box_id, unit) ON DELETE CASCADE
);
CREATE UNIQUE INDEX ballots_receipt_idx ON ballots (box_id, receipt_hash);
