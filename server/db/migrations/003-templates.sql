-- The template store (server/templates/store): process templates, one working draft each, and their published
-- versions. Published versions are immutable (DESIGN §5.5): a trigger refuses UPDATE, DELETE and TRUNCATE on them,
-- whatever writes.

-- A template, identified by the key its definitions carry. Owned by an org unit (a district's admins edit it), or by
-- nobody for the built-in reference templates. A derived template records the version it was copied from.
CREATE TABLE templates (
  key text PRIMARY KEY CHECK (key ~ '^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$'),
  owner_unit text REFERENCES org_units (path),
  derived_from_key text,
  derived_from_version integer,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  retired_at timestamptz,
  retired_by text,
  retire_reason text,
  CONSTRAINT templates_derived_from_complete CHECK ((derived_from_key IS NULL) = (derived_from_version IS NULL)),
  CONSTRAINT templates_retirement_complete CHECK (
    (retired_at IS NULL AND retired_by IS NULL AND retire_reason IS NULL)
    OR (retired_at IS NOT NULL AND retired_by IS NOT NULL AND char_length(retire_reason) BETWEEN 1 AND 500)
  )
);
CREATE INDEX templates_owner_unit_idx ON templates (owner_unit);

-- The one working draft of a template: any JSON object (drafts may be invalid while being drawn). `revision` counts
-- saves; a save names the revision it was based on, so concurrent editors cannot overwrite each other unseen.
CREATE TABLE template_drafts (
  template_key text PRIMARY KEY REFERENCES templates (key),
  definition jsonb NOT NULL CHECK (jsonb_typeof(definition) = 'object'),
  revision integer NOT NULL CHECK (revision >= 1),
  updated_by text NOT NULL,
  updated_at timestamptz NOT NULL
);

-- Published versions 1, 2, … of a template: a valid definition, its content hash, and why it was published.
CREATE TABLE template_versions (
  template_key text NOT NULL REFERENCES templates (key),
  version integer NOT NULL CHECK (version >= 1),
  definition jsonb NOT NULL CHECK (jsonb_typeof(definition) = 'object'),
  content_hash text NOT NULL CHECK (content_hash ~ '^sha256:[0-9a-f]{64}$'),
  change_note text NOT NULL CHECK (char_length(change_note) BETWEEN 1 AND 500),
  published_by text NOT NULL,
  published_at timestamptz NOT NULL,
  PRIMARY KEY (template_key, version)
);

ALTER TABLE templates
  ADD CONSTRAINT templates_derived_from_fk FOREIGN KEY (derived_from_key, derived_from_version)
  REFERENCES template_versions (template_key, version);

CREATE FUNCTION template_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'template_versions: published versions are immutable (% refused)', TG_OP
    USING ERRCODE = 'integrity_constraint_violation';
END;
$$;

CREATE TRIGGER template_versions_no_update_or_delete
  BEFORE UPDATE OR DELETE ON template_versions
  FOR EACH ROW EXECUTE FUNCTION template_versions_immutable();

CREATE TRIGGER template_versions_no_truncate
  BEFORE TRUNCATE ON template_versions
  FOR EACH STATEMENT EXECUTE FUNCTION template_versions_immutable();
