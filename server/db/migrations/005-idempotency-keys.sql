-- Idempotency-Key of POST /api/cases: a retried start with the same key (by the same user) finds the same case id.
-- request_hash guards against reusing a key for a different request.
CREATE TABLE idempotency_keys (
  username text NOT NULL,
  key text NOT NULL,
  request_hash text NOT NULL,
  case_id text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (username, key)
);
