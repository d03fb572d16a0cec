import { createHash } from 'node:crypto';
import { canonicalJson } from '../../definitions/canonical-json';
import type { TimelineEntry } from '../../definitions/engine/state';

/** The `prev_hash` of a case's first timeline entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** What one link of a case's audit chain covers. */
export interface ChainedEntry {
  caseId: string;
  entry: TimelineEntry;
}

/**
 * The hash of one timeline entry in its case's chain: sha256 hex of `prevHash` followed by the canonical JSON of
 * `{ caseId, seq, at, type, actor, entry }`. Each entry covers the one before, so editing, removing or reordering any
 * entry shows when the chain is recomputed ({@link verifyCaseChain} in server/read-model).
 */
export function timelineHash(prevHash: string, { caseId, entry }: ChainedEntry): string {
  const covered = { caseId, seq: entry.seq, at: entry.at, type: entry.type, actor: entry.actor, entry };
  return createHash('sha256').update(prevHash).update(canonicalJson(covered)).digest('hex');
}
