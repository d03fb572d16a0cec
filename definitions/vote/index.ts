/** The owners' vote (业主大会表决), pure: rule sets, the electorate's headcount, reconciliation and the exact tally. */
export { formatAreaM2, parseAreaM2 } from './area';
export { buildElectorate, developerHead, headOf, RollEntry, type Electorate, type VoteIssue } from './electorate';
export { displayPercent, meets, moreThanHalf, threeQuartersOrMore, Threshold, twoThirdsOrMore } from './ratio';
export { Channel, reconcileBallots, type BallotConflict, type CastBallot } from './reconcile';
export { Art278Item, MatterClass, matterClassOf, RuleSet, RuleSetId, ruleSetFor, ruleSets } from './rule-sets';
export {
  Choice,
  CountedBallot,
  Matter,
  MatterResult,
  NonParticipantRule,
  TallyInput,
  TallyReason,
  TallyResult,
  tallyVote,
  type TallyOutcome,
} from './tally';
