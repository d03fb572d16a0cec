/**
 * A ballot box's id is `<caseId>~<instanceId>` (activities/vote: `ballotBoxId`): the case its scans are uploaded to
 * is the part before the first `~`.
 */
export function caseIdOfBox(boxId: string): string {
  const cut = boxId.indexOf('~');
  return cut < 0 ? boxId : boxId.slice(0, cut);
}

/** The box of a vote's organiser work item (`<instanceId>~organiser`) in a case. */
export function boxIdOfOrganiserItem(caseId: string, itemId: string): string {
  return `${caseId}~${itemId.replace(/~organiser$/, '')}`;
}

/** The vote workspace's address for a box (a section: letters, paper, conflicts, log). */
export function votePath(boxId: string, section?: string): string {
  return `/votes/${encodeURIComponent(boxId)}${section ? `/${section}` : ''}`;
}
