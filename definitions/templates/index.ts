import maintenanceFundRepair from './maintenance-fund-repair.json';
import residentComplaint from './resident-complaint.json';
import streetWhistle from './street-whistle.json';

/** The built-in reference templates, by key. Each is valid and runs end to end in the tests. */
export const builtInTemplates: Readonly<Record<string, unknown>> = {
  'resident-complaint': residentComplaint,
  'maintenance-fund-repair': maintenanceFundRepair,
  'street-whistle': streetWhistle,
};
