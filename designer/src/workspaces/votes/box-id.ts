import { ballotBoxId, ballotBoxParts } from '../../../../definitions/kinds/vote-config';

/** The case a ballot box belongs to (its scans are uploaded to it). */
export function caseIdOfBox(boxId: string): string {
  return ballotBoxParts(boxId)?.caseId ?? boxId;
}

/** The box of a vote's organiser work item (`<instanceId>~organiser`) in a case. */
export function boxIdOfOrganiserItem(caseId: string, itemId: string): string {
  return ballotBoxId(caseId, itemId.replace(/~organiser$/, ''));
}

/** The vote workspace's address for a box (a section: letters, paper, conflicts, log). */
export function votePath(boxId: string, section?: string): string {
  return `/votes/${encodeURIComponent(boxId)}${section ? `/${section}` : ''}`;
}
