-- The org directory (DOMAIN §1): the org tree, the bodies beside it, users and their role memberships.
-- Validation with per-row messages lives in server/directory; the constraints here keep the tree sound whatever writes.

CREATE TABLE property_firms (
  id text PRIMARY KEY,
  name text NOT NULL,
  -- 统一社会信用代码 (unified social credit code), when known
  credit_code text
);

-- An org unit is addressed by its path, city/district/street/community/compound; the level is the path's depth.
CREATE TABLE org_units (
  path text PRIMARY KEY,
  parent_path text REFERENCES org_units (path),
  level text NOT NULL,
  name text NOT NULL,
  -- compounds only: households (户数), the size of an owners' vote roll, and the firm serving the compound
  households integer CHECK (households >= 0),
  property_firm_id text REFERENCES property_firms (id),
  CONSTRAINT org_units_level_is_depth CHECK (
    level = (ARRAY['city', 'district', 'street', 'community', 'compound'])[cardinality(string_to_array(path, '/'))]
  ),
  CONSTRAINT org_units_parent_is_prefix CHECK (
    parent_path IS NOT DISTINCT FROM nullif(regexp_replace(path, '/[^/]+$', ''), path)
  ),
  CONSTRAINT org_units_compound_fields CHECK (level = 'compound' OR (households IS NULL AND property_firm_id IS NULL))
);
CREATE INDEX org_units_parent_path_idx ON org_units (parent_path);
-- subtree queries: path LIKE 'prefix/%'
CREATE INDEX org_units_path_prefix_idx ON org_units (path text_pattern_ops);

-- Functional departments (城管执法, 住建, 市场监管, 派出所, …) attached to a district or a street; one per kind there.
CREATE TABLE departments (
  id text PRIMARY KEY,
  org_unit text NOT NULL REFERENCES org_units (path),
  kind text NOT NULL,
  name text NOT NULL,
  CONSTRAINT departments_one_kind_per_unit UNIQUE (org_unit, kind),
  CONSTRAINT departments_id_unit UNIQUE (id, org_unit)
);

CREATE TABLE owners_committees (
  id text PRIMARY KEY,
  compound text NOT NULL UNIQUE REFERENCES org_units (path),
  name text NOT NULL
);

CREATE TABLE party_branches (
  id text PRIMARY KEY,
  compound text NOT NULL REFERENCES org_units (path),
  name text NOT NULL
);
CREATE INDEX party_branches_compound_idx ON party_branches (compound);

CREATE TABLE users (
  username text PRIMARY KEY,
  display_name text NOT NULL,
  -- scrypt, parameters inside (server/auth/passwords.ts); NULL: no password login for this user
  password_hash text,
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- A role a user holds in one org unit; department members also name their department (attached to that unit).
CREATE TABLE memberships (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username text NOT NULL REFERENCES users (username) ON DELETE CASCADE,
  role text NOT NULL,
  org_unit text NOT NULL REFERENCES org_units (path),
  department_id text,
  CONSTRAINT memberships_department_fk FOREIGN KEY (department_id, org_unit) REFERENCES departments (id, org_unit),
  CONSTRAINT memberships_department_iff_member CHECK ((role = 'department-member') = (department_id IS NOT NULL))
);
CREATE UNIQUE INDEX memberships_unique_idx ON memberships (username, role, org_unit, coalesce(department_id, ''));
CREATE INDEX memberships_org_unit_idx ON memberships (org_unit);
