import { issue, type Issue } from '../common';
import { durationShape } from '../duration';
import { KindDefinition } from './kind-definition';
import { reportBackSla, reportInSla, WHISTLE_KIND_VERSION, WhistleNode, whistleOutcomes } from './whistle-config';
import { whistleRuntime } from './whistle-runtime';

export { WhistleNode } from './whistle-config';

/**
 * 街办吹哨、部门报到 (DOMAIN §4): a street office summons departments about a matter it cannot settle alone; each
 * department must report in (报到) and report back (反馈) within its clocks; objections and extensions are ruled on by
 * the office; a missed clock escalates to district supervision; the office verifies and closes, then the resident's
 * callback (回访) is recorded. Configuration in `whistle-config.ts`, runtime in `whistle-runtime.ts`.
 */
export const whistleKind: KindDefinition<WhistleNode> = {
  kind: 'whistle',
  palette: {
    group: 'work',
    icon: '哨',
    label: { zh: '街道吹哨', en: 'Whistle' },
    description: {
      zh: '街道召集职能部门报到、办理并反馈，逾期上报区督办',
      en: 'A street office summons departments to report in and back; missed clocks go to district supervision',
    },
  },
  outcomes: () => whistleOutcomes,
  acceptsIncoming: true,
  version: WHISTLE_KIND_VERSION,
  runtime: whistleRuntime,
  check(node, context) {
    const problems: Issue[] = [
      ...context.checkRole(node.config.summoner, node.id, ['config', 'summoner']),
      ...context.checkRole(node.config.supervisor, node.id, ['config', 'supervisor']),
      ...context.checkSla(reportInSla(node), node.id, ['config', 'reportIn']),
      ...context.checkSla(reportBackSla(node), node.id, ['config', 'reportBack']),
    ];
    const seen = new Set<string>();
    node.config.departments.forEach((department, index) => {
      const path = ['config', 'departments', index, 'role'];
      problems.push(...context.checkRole(department.role, node.id, path));
      if (!department.role.startsWith('dept-')) {
        problems.push(
          issue(
            'whistle.department-role',
            `“${department.role}”不是部门角色（应为 dept-<类别>） / "${department.role}" is not a department role (dept-<kind>)`,
            { nodeId: node.id, path },
          ),
        );
      }
      if (seen.has(department.role)) {
        problems.push(
          issue(
            'whistle.duplicate-department',
            `部门“${department.role}”重复 / department "${department.role}" is listed twice`,
            {
              nodeId: node.id,
              path,
            },
          ),
        );
      }
      seen.add(department.role);
    });
    const leads = node.config.departments.filter((department) => department.lead).length;
    if (node.config.departments.length > 0 && leads !== 1) {
      problems.push(
        issue(
          'whistle.lead',
          `须指定且只指定一个牵头部门（首接负责），现有 ${leads} 个 / exactly one lead department is required, found ${leads}`,
          { nodeId: node.id, path: ['config', 'departments'] },
        ),
      );
    }
    const window = durationShape(node.config.objection.window);
    if ('problem' in window || window.kind === 'months') {
      problems.push(
        issue(
          'whistle.objection-window',
          `异议期“${node.config.objection.window}”须为时长（如 PT24H 或 P2D） / the objection window must be a clock or day duration (PT24H, P2D)`,
          { nodeId: node.id, path: ['config', 'objection', 'window'] },
        ),
      );
    }
    return problems;
  },
};
