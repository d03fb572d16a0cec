-- "Cases I started" (我发起的): the case list filtered by who started it, newest first, on the same keyset order.
CREATE INDEX cases_started_by_idx ON cases (started_by, started_at DESC, case_id DESC);
