-- Auditors search cases by who did something and when (GET /api/cases?eventActor=&eventFrom=&eventTo=): the timeline
-- is found by actor (then time) or by time alone, and the matching case ids are joined to the case list.
CREATE INDEX case_timeline_actor_at_idx ON case_timeline (actor, at);
CREATE INDEX case_timeline_at_idx ON case_timeline (at);
