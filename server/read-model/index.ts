/**
 * The case read model: lists, inboxes and the hash-chained audit timeline, projected from the case workflows by the
 * `projectCase` activity (activities/project) and rebuilt from their histories by `gongzhi read-model rebuild`.
 */
export { assertCanReadCase } from './access';
export {
  CaseListFilter,
  caseTaskRoles,
  findCaseRow,
  listCases,
  recordCaseStarted,
  StartedCase,
  type ListCasesOptions,
} from './case-rows';
export { listInbox, type ListInboxOptions } from './inbox';
export { AuditEntry, AuditTimelinePage, CaseRow, ChainVerification, InboxTask } from './schemas';
export { listTimeline } from './timeline';
export { verifyCaseChain } from './verify-chain';
