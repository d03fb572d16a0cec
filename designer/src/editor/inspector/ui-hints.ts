/**
 * How a schema field is edited when a plain text/number/select input is not enough. Keys are
 * `<kind>.<field path without list indices>` relative to the node (`task.config.assignee`), or `definition.<path>`.
 */
export type FieldHint = 'role' | 'departments' | 'cel' | 'variable' | 'fork' | 'form-builder' | 'message' | 'hidden';

export const fieldHints: Readonly<Record<string, FieldHint>> = {
  'task.config.assignee': 'role',
  'task.config.sla.escalateTo': 'role',
  'task.config.form': 'form-builder',
  'task.config.form.setsVariable': 'variable',
  'whistle.config.summoner': 'role',
  'whistle.config.supervisor': 'role',
  'whistle.config.departments.role': 'role',
  'meeting.config.convener': 'role',
  'meeting.config.parties.role': 'role',
  'vote.config.organiser': 'role',
  'gateway.config.branches.condition': 'cel',
  'join.config.fork': 'fork',
  'timer.config.wait.variable': 'variable',
  'notify.config.recipient': 'role',
  'notify.config.message': 'message',
  // one channel exists today: nothing to choose
  'notify.config.channel': 'hidden',
};
