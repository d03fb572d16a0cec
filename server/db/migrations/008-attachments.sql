-- Attachments (files uploaded to a case: photos, minutes, signed agreements), content-addressed by sha256.
-- No foreign key to `cases`: the read model can be emptied and rebuilt from workflow histories, evidence cannot.

-- The bytes, once per distinct content, when the database is the attachment store (the default; an S3-compatible
-- store keeps them as objects instead and leaves this table empty).
CREATE TABLE attachment_blobs (
  sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size integer NOT NULL CHECK (size >= 0),
  bytes bytea NOT NULL CHECK (octet_length(bytes) = size),
  stored_at timestamptz NOT NULL DEFAULT now()
);

-- One row per file uploaded to a case; the same content uploaded to a case again finds this row.
CREATE TABLE attachments (
  id text PRIMARY KEY,
  case_id text NOT NULL,
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size integer NOT NULL CHECK (size >= 0),
  content_type text NOT NULL,
  filename text NOT NULL,
  uploaded_by text NOT NULL,
  uploaded_at timestamptz NOT NULL,
  UNIQUE (case_id, sha256)
);
