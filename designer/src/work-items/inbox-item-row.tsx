import { useState } from 'react';
import { Link } from 'react-router';
import type { InboxItem } from '../api/case-schemas';
import { mayActOn } from '../access/may-act';
import { useActor } from '../app/use-actor';
import { useI18n } from '../i18n/i18n';
import { CountdownText } from './countdown-text';
import { formatInstant } from './format';
import { WorkItemActions } from './panel-registry';
import { useCase, useDefinition } from './use-case-queries';

/** The panel of one inbox row, once opened: loads the case and its definition, then the kind's panel. */
function RowPanel({ row, onDone }: { row: InboxItem; onDone(): void }) {
  const { t, errorText } = useI18n();
  const snapshot = useCase(row.caseId);
  const definition = useDefinition(snapshot.data?.template.key, snapshot.data?.template.version);
  if (snapshot.error) return <p className="error">{errorText(snapshot.error)}</p>;
  if (!snapshot.data || definition.isPending) return <p className="muted">{t('common.loading')}</p>;
  const item = snapshot.data.workItems.find((candidate) => candidate.id === row.workItemId);
  if (!item) return <p className="muted">{t('inbox.item-gone')}</p>;
  return (
    <WorkItemActions
      caseId={row.caseId}
      item={item}
      node={definition.data?.nodes.find((node) => node.id === item.nodeId)}
      viaWorkItems={snapshot.data.actsOnWorkItems}
      onDone={onDone}
    />
  );
}

/** One work item in an inbox or on a department board: what, which case, where, by when — and acting right there. */
export function InboxItemRow({ row }: { row: InboxItem }) {
  const { t, text } = useI18n();
  const { actor } = useActor();
  const [open, setOpen] = useState(false);
  const allowed = mayActOn(actor, row);
  return (
    <li
      className={`inbox-row${row.overdue ? ' overdue' : ''}`}
      data-testid={`inbox-item-${row.caseId}-${row.workItemId}`}
    >
      <div className="inbox-row-head">
        <div className="inbox-row-title">
          <strong>{text(row.title)}</strong>
          <Link to={`/cases/${encodeURIComponent(row.caseId)}`} className="muted" data-testid="inbox-case-link">
            {row.caseId}
          </Link>
        </div>
        <CountdownText deadline={row.deadline} provisional={row.deadlineProvisional} />
      </div>
      <div className="inbox-row-meta muted">
        <span>{row.caseOrgUnit}</span>
        <span>{t('inbox.opened-at', { at: formatInstant(row.openedAt) })}</span>
        {row.deadline && <span>{t('inbox.deadline', { at: formatInstant(row.deadline) })}</span>}
        {row.overdue && <span className="badge danger">{t('inbox.overdue')}</span>}
      </div>
      {allowed && (
        <button
          type="button"
          className={open ? '' : 'primary'}
          data-testid="inbox-act"
          onClick={() => setOpen((value) => !value)}
        >
          {open ? t('common.close') : t('inbox.act')}
        </button>
      )}
      {allowed && open && <RowPanel row={row} onDone={() => setOpen(false)} />}
    </li>
  );
}

/** Inbox order: overdue first, then the soonest deadline, items without a deadline last. */
export function byUrgency(a: InboxItem, b: InboxItem): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  if (a.deadline && b.deadline) return Date.parse(a.deadline) - Date.parse(b.deadline);
  if (a.deadline) return -1;
  if (b.deadline) return 1;
  return a.openedAt.localeCompare(b.openedAt);
}
