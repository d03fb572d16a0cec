import { useId, useState } from 'react';
import { ActRefusal } from '../act-refusal';
import type { AttachmentRef } from '../../../../definitions/attachment-ref';
import { AttachmentField } from '../../attachments/attachment-field';
import { useApi } from '../../api/api-context';
import { useI18n } from '../../i18n/i18n';
import { CountdownText } from '../countdown-text';
import { formatInstant } from '../format';
import type { WorkItemPanelProps } from '../panel-types';
import { useAct } from '../use-act';
import { useCase } from '../use-case-queries';
import { ActionForm } from './action-form';
import { DepartmentStateBadge } from './department-state';
import { departmentRows, DepartmentPayload } from './whistle-items';

/** The report-back (反馈) form: what was done, with photos or documents uploaded to the case. */
function ReportBackForm({
  caseId,
  itemId,
  viaWorkItems,
  onDone,
}: {
  caseId: string;
  itemId: string;
  viaWorkItems: boolean;
  onDone?(): void;
}) {
  const { t, errorText } = useI18n();
  const api = useApi();
  const id = useId();
  const [summary, setSummary] = useState('');
  const [evidence, setEvidence] = useState<AttachmentRef[]>([]);
  const [refusal, setRefusal] = useState<string>();
  const act = useAct({ caseId, workItemId: itemId, viaWorkItems });

  async function submit() {
    if (summary.trim() === '') {
      setRefusal(t('act.required'));
      return;
    }
    setRefusal(undefined);
    try {
      await act.mutateAsync({ action: 'report-back', input: { summary: summary.trim(), attachments: evidence } });
      onDone?.();
    } catch (error) {
      setRefusal(errorText(error));
    }
  }

  return (
    <div className="action-form" data-testid="report-back-form">
      <div className="field">
        <label htmlFor={id}>
          {t('whistle.summary')}
          <span className="required"> *</span>
        </label>
        <textarea
          id={id}
          rows={3}
          maxLength={4000}
          value={summary}
          data-testid="report-back-summary"
          onChange={(event) => setSummary(event.target.value)}
        />
      </div>
      {[...evidence, undefined].map((file, index) => (
        <AttachmentField
          key={file?.sha256 ?? `new-${index}`}
          caseId={caseId}
          label={t('whistle.evidence')}
          value={file}
          api={api.attachments}
          onChange={(value) =>
            setEvidence((current) =>
              value
                ? [...current.slice(0, index), value, ...current.slice(index + 1)]
                : current.filter((_, at) => at !== index),
            )
          }
        />
      ))}
      <div className="outcome-buttons">
        <button
          type="button"
          className="primary"
          disabled={act.isPending}
          data-testid="report-back"
          onClick={() => void submit()}
        >
          {act.isPending ? t('act.sending') : t('whistle.report-back')}
        </button>
      </div>
      <ActRefusal text={refusal} />
    </div>
  );
}

/** The extension request (延期): a reason and the proposed new deadline. */
function ExtensionForm({ caseId, itemId, viaWorkItems }: { caseId: string; itemId: string; viaWorkItems: boolean }) {
  const { t } = useI18n();
  const id = useId();
  const [until, setUntil] = useState('');
  return (
    <details className="whistle-move">
      <summary data-testid="extension-open">{t('whistle.request-extension')}</summary>
      <div className="field">
        <label htmlFor={id}>{t('whistle.until')}</label>
        <input
          id={id}
          type="datetime-local"
          value={until}
          data-testid="extension-until"
          onChange={(event) => setUntil(event.target.value)}
        />
      </div>
      <ActionForm
        caseId={caseId}
        itemId={itemId}
        viaWorkItems={viaWorkItems}
        field={{ name: 'reason', label: t('whistle.reason'), required: true }}
        choices={[
          {
            action: 'request-extension',
            label: t('whistle.request-extension'),
            // A local date-time in the case's zone (Asia/Shanghai).
            input: { until: until === '' ? '' : `${until}:00+08:00` },
            testId: 'extension-request',
          },
        ]}
      />
    </details>
  );
}

/**
 * A summoned department's panel (部门报到): the clock it runs on now, one-click 报到, the report-back form, and the side
 * moves — an objection within its window, an extension while handling; below, how the other departments on the same
 * whistle stand.
 */
export function DepartmentPanel({ caseId, item, viaWorkItems }: WorkItemPanelProps) {
  const { t, text } = useI18n();
  const snapshot = useCase(caseId);
  const payload = DepartmentPayload.parse(item.payload);
  const offers = (action: string) => item.actions.includes(action);
  const others = departmentRows(snapshot.data?.workItems ?? [], item).filter((row) => row.item.id !== item.id);
  const clock = item.stage === 'summoned' ? t('whistle.clock.report-in') : t('whistle.clock.report-back');
  return (
    <div className="whistle-panel" data-testid={`panel-${item.id}`}>
      <p className="whistle-clock">
        <span className="badge">{payload.lead ? t('whistle.lead') : t('whistle.co-handler')}</span> {clock}:{' '}
        <CountdownText deadline={item.deadline} provisional={item.deadlineProvisional} />
        {item.deadline && <span className="muted"> ({formatInstant(item.deadline)})</span>}
      </p>
      {payload.marks.length > 0 && (
        <p className="badge danger" data-testid="whistle-marks">
          {t('whistle.marks', { marks: payload.marks.map((mark) => t(markKey(mark))).join('、') })}
        </p>
      )}
      {offers('report-in') && (
        <ActionForm
          caseId={caseId}
          itemId={item.id}
          viaWorkItems={viaWorkItems}
          choices={[{ action: 'report-in', label: t('whistle.report-in'), testId: 'report-in', primary: true }]}
        />
      )}
      {offers('report-back') && <ReportBackForm caseId={caseId} itemId={item.id} viaWorkItems={viaWorkItems} />}
      {offers('request-extension') && <ExtensionForm caseId={caseId} itemId={item.id} viaWorkItems={viaWorkItems} />}
      {offers('object') && (
        <details className="whistle-move">
          <summary data-testid="objection-open">{t('whistle.object')}</summary>
          <ActionForm
            caseId={caseId}
            itemId={item.id}
            viaWorkItems={viaWorkItems}
            field={{ name: 'reason', label: t('whistle.reason'), required: true }}
            choices={[{ action: 'object', label: t('whistle.object'), testId: 'objection-submit' }]}
          />
        </details>
      )}
      {(item.stage === 'objected' || item.stage === 'extension-requested' || item.stage === 'reported-back') && (
        <p className="muted" data-testid="whistle-waiting">
          {t(`whistle.waiting.${item.stage}`)}
        </p>
      )}
      {others.length > 0 && (
        <div className="whistle-others">
          <h4>{t('whistle.others')}</h4>
          <ul>
            {others.map((row) => (
              <li key={row.item.id}>
                {row.payload.department ? text(row.payload.department) : text(row.item.title)}{' '}
                <DepartmentStateBadge row={row} />
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

/** The catalogue key of a mark against a department. */
export function markKey(mark: string) {
  return mark === 'report-in-late' ? 'whistle.mark.report-in-late' : 'whistle.mark.report-back-late';
}
