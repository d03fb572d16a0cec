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
