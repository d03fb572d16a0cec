import { Link } from 'react-router';
import type { InboxItem } from '../../api/case-schemas';
import { useI18n } from '../../i18n/i18n';
import { formatInstant } from '../../work-items/format';
import { useInbox } from '../../work-items/use-inbox';
import { ActionForm } from '../../work-items/whistle/action-form';
import { instanceOfItem, itemStageOf } from './meeting-view';
import './meetings.css';

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** One meeting the person is called to (their party's item) or convenes: when, where, what, and confirming. */
function MeetingRow({ row }: { row: InboxItem }) {
  const { t, text: localized } = useI18n();
  const part = row.payload.part === 'convener' ? 'convener' : 'party';
  const at = text(row.payload.at);
  const page = `/cases/${encodeURIComponent(row.caseId)}/meetings/${encodeURIComponent(instanceOfItem(row.workItemId))}`;
  return (
    <li data-testid={`my-meeting-${row.caseId}-${row.workItemId}`}>
      <strong>{localized(row.title)}</strong> <span className="badge">{t(`meetings.part.${part}`)}</span>{' '}
      <span className="badge">{t(`meetings.item-stage.${itemStageOf(row.stage)}`)}</span>
      <dl className="meeting-facts">
        <dt>{t('meeting.at')}</dt>
        <dd>{at ? formatInstant(at) : t('meetings.not-scheduled')}</dd>
        {(text(row.payload.place) ?? text(row.payload.onlineLink)) && (
          <>
            <dt>{t('meeting.place')}</dt>
            <dd>{text(row.payload.place) ?? text(row.payload.onlineLink)}</dd>
          </>
        )}
        {text(row.payload.agenda) && (
          <>
            <dt>{t('meeting.agenda')}</dt>
            <dd>{text(row.payload.agenda)}</dd>
          </>
        )}
      </dl>
      <p className="meeting-links">
        <Link to={page} data-testid="my-meeting-page-link">
          {t('meeting.open-page')}
        </Link>
        <Link to={`/cases/${encodeURIComponent(row.caseId)}`} className="muted">
          {row.caseId}
        </Link>
      </p>
      {part === 'party' && row.stage === 'notified' && (
        <ActionForm
          caseId={row.caseId}
          itemId={row.workItemId}
          viaWorkItems
          field={{ name: 'note', label: t('meetings.confirm-note'), required: false }}
          choices={[{ action: 'confirm', label: t('meeting.confirm'), testId: 'my-meeting-confirm', primary: true }]}
        />
      )}
      {part === 'party' && at && <p className="muted">{t('meetings.scan-hint')}</p>}
    </li>
  );
}

/**
 * `/meetings` (我的会议): the joint meetings the signed-in person is called to — their open meeting items from the
 * inbox, a party's (confirm; sign in by scanning the convener's QR code) or a convener's — each linking to its page.
 */
export function Component() {
  const { t, errorText } = useI18n();
  const inbox = useInbox();
  const rows = (inbox.data?.pages ?? [])
    .flatMap((page) => page.items)
    .filter((row) => row.kind === 'meeting' && (row.payload.part === 'party' || row.payload.part === 'convener'));
  return (
    <main className="workspace" data-testid="my-meetings">
      <h1>{t('meetings.mine')}</h1>
      {inbox.error && (
        <p className="error" role="alert">
          {errorText(inbox.error)}
        </p>
      )}
      {inbox.isPending ? (
        <p className="muted">{t('common.loading')}</p>
      ) : rows.length === 0 ? (
        <p className="muted" data-testid="my-meetings-empty">
          {t('meetings.none')}
        </p>
      ) : (
        <ul className="meeting-list">
          {rows.map((row) => (
            <MeetingRow key={`${row.caseId}/${row.workItemId}`} row={row} />
          ))}
        </ul>
      )}
    </main>
  );
}
