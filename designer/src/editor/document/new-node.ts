import type { NodeKind } from '../../../../definitions/kinds';
import { kinds } from '../../../../definitions/kinds';
import type { ProcessDefinition, ProcessNode } from '../../../../definitions/schema';

/** The smallest `<kind>-<n>` id not used yet in the definition. */
export function freshNodeId(
  definition: ProcessDefinition,
  kind: string,
  taken: ReadonlySet<string> = new Set(),
): string {
  const used = new Set([...definition.nodes.map((node) => node.id), ...taken]);
  for (let n = 1; ; n += 1) {
    const id = `${kind}-${n}`;
    if (!used.has(id)) return id;
  }
}

/**
 * A node of `kind` as dropped from the palette: titled after its palette label and configured so it is as close
 * to valid as the rest of the definition allows (e.g. a task goes to the template's first role). What is still
 * missing shows up at once in the validation panel.
 */
export function newNode(
  kind: NodeKind,
  id: string,
  position: { x: number; y: number },
  definition: ProcessDefinition,
): ProcessNode {
  const title = { ...kinds[kind].palette.label };
  // With no role declared yet, a placeholder the validator reports (role.unknown) until the user picks one.
  const firstRole = definition.roles[0]?.key ?? 'unassigned';
  const base = { id, title, position };
  switch (kind) {
    case 'start':
      return { ...base, kind, config: {} };
    case 'task':
      return {
        ...base,
        kind,
        config: {
          assignee: firstRole,
          outcomes: [{ key: 'done', label: { zh: '完成', en: 'Done' } }],
          form: [],
        },
      };
    case 'whistle': {
      // Roles the template declares for the street office and district supervision, when it has them.
      const roleAt = (level: string) => definition.roles.find((role) => role.level === level)?.key ?? firstRole;
      return {
        ...base,
        kind,
        config: {
          whistleLevel: 'routine',
          summoner: roleAt('street'),
          supervisor: roleAt('district'),
          departments: [],
          objection: { window: 'PT24H', pausesClock: false },
          maxExtensions: 1,
          coHandlersReportTo: 'lead',
          callback: true,
        },
      };
    }
    case 'meeting': {
      // The compound's roles (党支部, 业委会, 物业 in the reference templates) are called as required parties.
      const compoundRoles = definition.roles.filter((role) => role.level === 'compound').map((role) => role.key);
      const parties = compoundRoles.length > 0 ? compoundRoles.slice(0, 4) : [firstRole];
      return {
        ...base,
        kind,
        config: {
          convener: parties[0] ?? firstRole,
          parties: parties.map((role) => ({ role, required: true, maxAttendees: 5, quorum: 1 })),
          noticePeriod: 'PT24H',
          resolutions: [
            { key: 'settled', label: { zh: '会议解决', en: 'Settled' }, escalates: false },
            { key: 'refer-community', label: { zh: '提交社区', en: 'Refer to the community' }, escalates: true },
            { key: 'refer-street', label: { zh: '转街道吹哨', en: 'Refer to the street whistle' }, escalates: true },
            { key: 'agreement', label: { zh: '调解协议', en: 'Mediation agreement' }, escalates: false },
          ],
          waitForActionItems: true,
          actionItems: { within: 'P7D', calendar: 'workdays' },
        },
      };
    }
    case 'vote': {
      // Run by the compound's first role (业委会 in the reference templates); one ordinary matter to start from.
      const organiser = definition.roles.find((role) => role.level === 'compound')?.key ?? firstRole;
      return {
        ...base,
        kind,
        config: {
          organiser,
          matters: [{ key: 'matter-1', title: { zh: '表决事项', en: 'Matter' }, item: 9 }],
          ruleSet: 'civil-code-2021',
          noticePeriod: 'P15D',
          window: 'P15D',
          objectionWindow: 'P7D',
          nonParticipants: 'not-counted',
        },
      };
    }
    case 'gateway':
      return {
        ...base,
        kind,
        config: {
          branches: [{ key: 'yes', label: { zh: '是', en: 'Yes' }, condition: 'true' }],
          defaultLabel: { zh: '其他', en: 'Otherwise' },
        },
      };
    case 'parallel':
      return {
        ...base,
        kind,
        config: {
          branches: [
            { key: 'a', label: { zh: '分支一', en: 'Branch 1' } },
            { key: 'b', label: { zh: '分支二', en: 'Branch 2' } },
          ],
        },
      };
    case 'join': {
      // With no fork drawn yet, a placeholder the validator reports until the user picks the real one.
      const fork = definition.nodes.find((node) => node.kind === 'parallel')?.id ?? 'fork';
      return { ...base, kind, config: { fork, policy: 'all', cancelRemaining: true } };
    }
    case 'timer':
      return { ...base, kind, config: { wait: { type: 'duration', within: 'P1D', calendar: 'natural' } } };
    case 'notify':
      return {
        ...base,
        kind,
        config: { channel: 'outbox', recipient: firstRole, message: { zh: '请处理', en: 'Please handle' } },
      };
    case 'end':
      return {
        ...base,
        kind,
        config: { caseOutcome: 'done', caseOutcomeLabel: { zh: '已办结', en: 'Done' } },
      };
  }
}
