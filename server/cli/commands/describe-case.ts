import type { CaseSnapshot } from '../../../workflows/messages';

const statusText = { running: '办理中 / running', completed: '已办结 / completed', cancelled: '已撤销 / cancelled' };

/** A case snapshot as text for a terminal: status, open tasks with deadlines, variables, path and timeline. */
export function describeCase(snapshot: CaseSnapshot): string {
  const lines = [
    `案件 / case      ${snapshot.caseId}`,
    `流程 / template  ${snapshot.template.key} v${snapshot.template.version} (${snapshot.template.contentHash.slice(0, 19)}…)`,
    `单位 / org unit  ${snapshot.orgUnit}`,
    `状态 / status    ${statusText[snapshot.status]}${snapshot.outcome ? ` — ${snapshot.outcome.label.zh} / ${snapshot.outcome.label.en}` : ''}${snapshot.overdue ? '  ⚠ 超时 / overdue' : ''}`,
    '',
    '待办 / open tasks:',
    ...(snapshot.openTasks.length === 0 ? ['  （无 / none）'] : []),
    ...snapshot.openTasks.map(
      (task) =>
        `  ${task.id}  ${task.title.zh}  → ${task.assigneeRole}@${task.assigneeUnit}  结果/outcomes: ${task.outcomes.map((outcome) => outcome.key).join('|')}` +
        (task.deadline ? `  期限/due ${task.deadline}${task.overdue ? ' ⚠' : ''}` : ''),
    ),
    '',
    `变量 / variables: ${JSON.stringify(snapshot.variables)}`,
    `路径 / path: ${snapshot.path.map((step) => step.nodeId).join(' → ')}`,
    '',
    '时间线 / timeline:',
    ...snapshot.timeline.map(
      (entry) =>
        `  ${String(entry.seq).padStart(3)} ${entry.at}  ${entry.type}${entry.nodeId ? ` [${entry.nodeId}]` : ''}${entry.outcome ? ` → ${entry.outcome}` : ''}  (${entry.actor})${entry.note ? `  ${entry.note}` : ''}`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}
