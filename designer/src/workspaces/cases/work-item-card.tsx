import type { CaseWorkItem } from '../../api/case-schemas';
import type { ProcessDefinition } from '../../../../definitions/schema';
import { mayActOn } from '../../access/may-act';
import { useActor } from '../../app/use-actor';
import { useI18n } from '../../i18n/i18n';
import { CountdownText } from '../../work-items/countdown-text';
import { formatInstant } from '../../work-items/format';
import { WorkItemActions } from '../../work-items/panel-registry';

/** A role's name as the template declares it, else its key. */
function roleName(
  definition: ProcessDefinition | undefined,
  role: string,
  text: (value: { zh: string; en: string }) => string,
) {
  const declared = definition?.roles.find((candidate) => candidate.key === role);
  return declared ? text(declared.name) : role;
}

/**
 * One open work item on the case page: what, for whom, since and by when (live countdown on the working-day calendar
 * when the node's SLA counts working days), and — for its assignee — the kind's panel to act.
 */
export function WorkItemCard({
  caseId,
  item,
  definition,
  viaWorkItems,
}: {
  caseId: string;
  item: CaseWorkItem;
  definition: ProcessDefinition | undefined;
  viaWorkItems: boolean;
}) {
  const { t, text } = useI18n();
  const { actor } = useActor();
  const node = definition?.nodes.find((candidate) => candidate.id === item.nodeId);
  const sla =
    node && 'sla' in node.config ? (node.config.sla as { calendar?: 'workdays' | 'natural' } | undefined) : undefined;
  return (
    <li className={`work-item-card${item.overdue ? ' overdue' : ''}`} data-testid={`work-item-${item.id}`}>
      <div className="inbox-row-head">
        <strong>{text(item.title)}</strong>
        <CountdownText
          deadline={item.deadline}
          calendar={sla?.calendar ?? 'unknown'}
          provisional={item.deadlineProvisional}
        />
      </div>
      <div className="inbox-row-meta muted">
        <span>
          {t('case.assignee', { role: roleName(definition, item.assigneeRole, text), unit: item.assigneeUnit })}
        </span>
        <span>{t('inbox.opened-at', { at: formatInstant(item.openedAt) })}</span>
        {item.deadline && <span>{t('inbox.deadline', { at: formatInstant(item.deadline) })}</span>}
      </div>
      {mayActOn(actor, item) ? (
        <WorkItemActions caseId={caseId} item={item} node={node} viaWorkItems={viaWorkItems} />
      ) : (
        <p className="muted">{t('case.waiting-for-others')}</p>
      )}
    </li>
  );
}
