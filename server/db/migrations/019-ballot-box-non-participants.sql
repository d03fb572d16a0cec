-- How a ballot box counts owners who did not vote (issue 12 §2; 业主大会和业主委员会指导规则 Art. 26): `not-counted`,
-- the default and the law's plain reading, or `follow-majority` where the compound's 议事规则 says so — then the clause
-- is kept with the box and cited on the result (definitions/vote/tally.ts NonParticipantRule).
ALTER TABLE ballot_boxes
  ADD COLUMN non_participants text NOT NULL DEFAULT 'not-counted'
    CHECK (non_participants IN ('not-counted', 'follow-majority')),
  ADD COLUMN non_participants_clause text CHECK (length(non_participants_clause) BETWEEN 1 AND 200),
  ADD CONSTRAINT ballot_boxes_clause_with_rule
    CHECK (non_participants = 'not-counted' OR non_participants_clause IS NOT NULL);
