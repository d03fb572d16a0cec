import { useId, useState } from 'react';
import { ActRefusal } from '../act-refusal';
import type { AttachmentRef } from '../../../../definitions/attachment-ref';
import { AttachmentField } from '../../attachments/attachment-field';
import { useApi } from '../../api/api-context';
import { useI18n } from '../../i18n/i18n';
import { CountdownText } from '../countdown-text';
import { formatInstant } from '../format';
import type { WorkItemPanelProps } from '../panel-types';
import { useNow } from '../../clock/use-now';
import { useAct } from '../use-act';
import { useCase } from '../use-case-queries';
import { ActionForm } from './action-form';
import { DepartmentStateBadge } from './department-state';
import { InterimReports, ReportReview } from './report-review';
import { departmentRows, DepartmentPayload, reportBackLate, reportsForLead, type DepartmentRow } from './whistle-items';

/**
 * A report (反馈) or an interim report (阶段性报告) form: what was done, with photos or documents uploaded to the case;
 * a report-back past its deadline also asks for the reason for the delay (kind version 2 refuses it without one).
 */
function ReportForm({
  caseId,
  itemId,
  viaWorkItems,
  action,
  late = false,
  onDone,
}: {
  caseId: string;
  itemId: string;
  viaWorkItems: boolean;
  action: 'report-back' | 'interim-report';
  late?: boolean;
  onDone?(): void;
}) {
  const { t, errorText } = useI18n();
  const api = useApi();
  const id = useId();
  const delayId = useId();
  const [summary, setSummary] = useState('');
  const [delayReason, setDelayReason] = useState('');
  const [evidence, setEvidence] = useState<AttachmentRef[]>([]);
  const [refusal, setRefusal] = useState<string>();
  const act = useAct({ caseId, workItemId: itemId, viaWorkItems });
  const testId = action === 'report-back' ? 'report-back' : 'interim-report';

  async function submit() {
    if (summary.trim() === '' || (late && delayReason.trim() === '')) {
      setRefusal(t('act.required'));
      return;
    }
    setRefusal(undefined);
    try {
      await act.mutateAsync({
        action,
        input: {
          summary: summary.trim(),
          attachments: evidence,
          ...(late && action === 'report-back' && { delayReason: delayReason.trim() }),
        },
      });
      setSummary('');
      setDelayReason('');
      setEvidence([]);
      onDone?.();
    } catch (error) {
      setRefusal(errorText(error));
    }
  }

  return (
    <div className="action-form" data-testid={`${testId}-form`}>
      <div className="field">
        <label htmlFor={id}>
          {t(action === 'report-back' ? 'whistle.summary' : 'whistle.interim-report.progress')}
          <span className="required"> *</span>
        </label>
        <textarea
          id={id}
          rows={3}
          maxLength={4000}
          value={summary}
          data-testid={`${testId}-summary`}
          onChange={(event) => setSummary(event.target.value)}
        />
      </div>
      {late && (
        <div className="field">
          <label htmlFor={delayId}>
            {t('whistle.delay-reason')}
            <span className="required"> *</span>
          </label>
          <p className="muted">{t('whistle.delay-reason.hint')}</p>
          <textarea
            id={delayId}
            rows={2}
            maxLength={1000}
            value={delayReason}
            data-testid={`${testId}-delay-reason`}
            onChange={(event) => setDelayReason(event.target.value)}
          />
        </div>
      )}
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
          data-testid={action === 'report-back' ? 'report-back' : 'interim-report-submit'}
          onClick={() => void submit()}
        >
          {act.isPending
            ? t('act.sending')
            : t(action === 'report-back' ? 'whistle.report-back' : 'whistle.interim-report.submit')}
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
 * 首接负责: the co-handlers' report-backs waiting for this lead department, each to accept or send back (the action goes
 * to the co-handler's own work item; the whistle kind checks the actor holds the lead's role).
 */
function CoHandlerReports({
  caseId,
  rows,
  viaWorkItems,
}: {
  caseId: string;
  rows: DepartmentRow[];
  viaWorkItems: boolean;
}) {
  const { t, text } = useI18n();
  return (
    <section className="whistle-co-reports" data-testid="co-handler-reports">
      <h4>{t('whistle.co-reports')}</h4>
      {rows.length === 0 ? (
        <p className="muted">{t('whistle.co-reports.empty')}</p>
      ) : (
        <ul>
          {rows.map((row) => (
            <li key={row.item.id} data-testid={`co-report-${row.item.id}`}>
              <strong>{row.payload.department ? text(row.payload.department) : text(row.item.title)}</strong>
              <ReportReview caseId={caseId} row={row} viaWorkItems={viaWorkItems} decides />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * A summoned department's panel (部门报到): the clock it runs on now, one-click 报到, the report-back form (with the
 * reason for a delay once its clock has passed), interim reports, and the side moves — an objection within its window,
 * an extension while handling; a lead department also decides its co-handlers' reports; below, how the other
 * departments on the same whistle stand.
 */
export function DepartmentPanel({ caseId, item, viaWorkItems }: WorkItemPanelProps) {
  const { t, text } = useI18n();
  const snapshot = useCase(caseId);
  const payload = DepartmentPayload.parse(item.payload);
  const offers = (action: string) => item.actions.includes(action);
  const now = useNow();
  const rows = departmentRows(snapshot.data?.workItems ?? [], item);
  const others = rows.filter((row) => row.item.id !== item.id);
  const coReports = reportsForLead(rows, item.id);
  const leads = payload.lead && payload.kindVersion >= 2 && item.status === 'open';
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
      {leads && (coReports.length > 0 || others.some((row) => row.payload.reviewer?.part === 'lead')) && (
        <CoHandlerReports caseId={caseId} rows={coReports} viaWorkItems={viaWorkItems} />
      )}
      {offers('report-back') && (
        <ReportForm
          caseId={caseId}
          itemId={item.id}
          viaWorkItems={viaWorkItems}
          action="report-back"
          late={reportBackLate(item, payload, now)}
        />
      )}
      {offers('interim-report') && (
        <details className="whistle-move">
          <summary data-testid="interim-report-open">{t('whistle.interim-report')}</summary>
          <ReportForm caseId={caseId} itemId={item.id} viaWorkItems={viaWorkItems} action="interim-report" />
        </details>
      )}
      <InterimReports payload={payload} testId="own-interim-reports" />
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
          {item.stage === 'reported-back' && payload.reviewer?.part === 'lead'
            ? t('whistle.waiting.reported-back-lead')
            : t(`whistle.waiting.${item.stage}`)}
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
