import { useI18n } from '../../i18n/i18n';
import { formatInstant } from '../format';
import { ActionForm } from './action-form';
import type { DepartmentPayload, DepartmentRow } from './whistle-items';

/** A department's interim reports (阶段性报告), newest last: when, what, which files, and whether filed late. */
export function InterimReports({ payload, testId }: { payload: DepartmentPayload; testId: string }) {
  const { t } = useI18n();
  if (payload.interimReports.length === 0) return null;
  return (
    <div className="whistle-interim" data-testid={testId}>
      <h5>{t('whistle.interim-reports', { count: payload.interimReports.length })}</h5>
      <ul>
        {payload.interimReports.map((report) => (
          <li key={`${report.at}-${report.by}`}>
            <span className="muted">
              {formatInstant(report.at)}
              {report.late && t('whistle.interim-report.late')}
            </span>{' '}
            {report.summary}
            {report.attachments.map((file) => (
              <span key={file.sha256} className="muted">
                {' '}
                · {t('whistle.evidence')}: {file.filename}
              </span>
            ))}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * A department's report-back as its reviewer sees it — the summary, the reason for a delay, the files — with 验收 /
 * 退回 when `decides` (the office for the lead and, per template, for co-handlers; the lead department for its
 * co-handlers under 首接负责). Both act on the reporting department's own work item.
 */
export function ReportReview({
  caseId,
  row,
  viaWorkItems,
  decides,
}: {
  caseId: string;
  row: DepartmentRow;
  viaWorkItems: boolean;
  decides: boolean;
}) {
  const { t } = useI18n();
  const report = row.payload.reportedBack;
  if (!report) return null;
  return (
    <div data-testid={`report-review-${row.item.id}`}>
      <p data-testid="whistle-report">{t('whistle.report', { summary: report.summary })}</p>
      {report.delayReason && (
        <p className="badge danger" data-testid="whistle-delay-reason">
          {t('whistle.delay', { reason: report.delayReason })}
        </p>
      )}
      {report.attachments.map((file) => (
        <p key={file.sha256} className="muted">
          {t('whistle.evidence')}: {file.filename}
        </p>
      ))}
      {decides && (
        <ActionForm
          caseId={caseId}
          itemId={row.item.id}
          viaWorkItems={viaWorkItems}
          field={{ name: 'note', label: t('whistle.note'), required: false }}
          choices={[
            { action: 'accept', label: t('whistle.accept'), testId: 'report-accept', primary: true },
            { action: 'send-back', label: t('whistle.send-back'), testId: 'report-send-back' },
          ]}
        />
      )}
    </div>
  );
}
