/**
 * The case read model: lists, inboxes and the hash-chained audit timeline, projected from the case workflows by the
 * `projectCase` activity (activities/project) and rebuilt from their histories by `gongzhi read-model rebuild`.
 */
export { assertCanReadCase } from './access';
export {
  CaseListFilter,
  caseWorkItemRoles,
  findCaseRow,
  listCases,
  recordCaseStarted,
  StartedCase,
  type ListCasesOptions,
} from './case-rows';
export { listInbox, type ListInboxOptions } from './inbox';
export { listDoneItems, type ListDoneItemsOptions } from './done-items';
export {
  AuditEntry,
  AuditTimelinePage,
  CaseRow,
  ChainVerification,
  DoneItem,
  DoneItemPage,
  InboxItem,
  InboxPage,
} from './schemas';
export { listCaseWorkItems } from './case-work-items';
export { listTimeline, listWholeTimeline } from './timeline';
export { verifyCaseChain } from './verify-chain';
