import { defineSearchAttributeKey } from '@temporalio/common';

/**
 * Custom search attributes of a case workflow. They make cases findable in the Temporal Web UI and by visibility
 * queries. Never personal data here (DOMAIN §6): only template, version, org unit path and state.
 */
export const caseSearchAttributes = {
  templateKey: defineSearchAttributeKey('GongzhiTemplateKey', 'KEYWORD'),
  templateVersion: defineSearchAttributeKey('GongzhiTemplateVersion', 'INT'),
  /** The case's org unit and all its ancestors (`a`, `a/b`, `a/b/c`) so a subtree is one equality query. */
  orgUnits: defineSearchAttributeKey('GongzhiOrgUnits', 'KEYWORD_LIST'),
  status: defineSearchAttributeKey('GongzhiStatus', 'KEYWORD'),
  overdue: defineSearchAttributeKey('GongzhiOverdue', 'BOOL'),
  /** An activity failed for good and waits for an admin (engine version 2). */
  incident: defineSearchAttributeKey('GongzhiIncident', 'BOOL'),
  /** The escalation-ladder rung id the case is on (engine version 4, definitions with a ladder), e.g. `community`. */
  ladderRung: defineSearchAttributeKey('GongzhiLadderRung', 'KEYWORD'),
} as const;

/** The CLI's names for the attribute types. */
const cliTypeNames = { KEYWORD: 'Keyword', KEYWORD_LIST: 'KeywordList', INT: 'Int', BOOL: 'Bool' } as const;

/** The same attributes as `name=Type` pairs, the form `temporal server start-dev --search-attribute` takes. */
export const searchAttributeRegistrations: readonly string[] = Object.values(caseSearchAttributes).map(
  (key) => `${key.name}=${cliTypeNames[key.type]}`,
);
