import maintenanceFundRepair from './maintenance-fund-repair.json';
import neighbourMediation from './neighbour-mediation.json';
import replacePropertyFirm from './replace-property-firm.json';
import residentComplaint from './resident-complaint.json';
import residentComplaintV2 from './resident-complaint-v2.json';
import streetWhistle from './street-whistle.json';

/**
 * The built-in reference templates, by key, as first shipped (version 1 of each). Each is valid and runs end to end
 * in the tests. Recorded histories, the CLI's default and older tests start from these.
 */
export const builtInTemplates: Readonly<Record<string, unknown>> = {
  'resident-complaint': residentComplaint,
  'maintenance-fund-repair': maintenanceFundRepair,
  'street-whistle': streetWhistle,
  'replace-property-firm': replacePropertyFirm,
  'neighbour-mediation': neighbourMediation,
};

/**
 * Every shipped version of each built-in, oldest first: entry n is the store's version n + 1 of that key. A release
 * that changes a built-in adds its new version as a file of its own (`<key>-v2.json`) at the end of its list and
 * never edits an older file, so running cases and recorded histories keep the node ids they were started with.
 */
export const builtInTemplateVersions: Readonly<Record<string, readonly unknown[]>> = {
  ...Object.fromEntries(Object.entries(builtInTemplates).map(([key, first]) => [key, [first]])),
  // Version 2 (issue 13 §3): the joint meetings as `meeting` nodes, district supervision, and the ladder.
  'resident-complaint': [residentComplaint, residentComplaintV2],
};
