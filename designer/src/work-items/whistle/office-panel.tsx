import { useQuery } from '@tanstack/react-query';
import { ActRefusal } from '../act-refusal';
import { useId, useState } from 'react';
import { useApi } from '../../api/api-context';
import { useI18n } from '../../i18n/i18n';
import { CountdownText } from '../countdown-text';
import { formatInstant } from '../format';
import type { WorkItemPanelProps } from '../panel-types';
import { useAct } from '../use-act';
import { useCase } from '../use-case-queries';
import { ActionForm } from './action-form';
import { markKey } from './department-panel';
import { DepartmentStateBadge } from './department-state';
import { InterimReports, ReportReview } from './report-review';
import {
  awaitsLead,
  closeBlocker,
  departmentRows,
  hasLead,
  summonableUnits,
  summonedKeys,
  type DepartmentRow,
} from './whistle-items';

const satisfactions = ['satisfied', 'basically-satisfied', 'dissatisfied'] as const;

/**
 * What the office decides on one department now: an objection, an extension request, or a report to accept — unless
 * the report is a co-handler's that waits for the lead department (首接负责), which the office sees but does not decide.
 */
function Decision({
  caseId,
  row,
  rows,
  viaWorkItems,
}: {
  caseId: string;
  row: DepartmentRow;
  rows: readonly DepartmentRow[];
  viaWorkItems: boolean;
}) {
  const { t, text } = useI18n();
  const { item, payload } = row;
  const form = { caseId, itemId: item.id, viaWorkItems };
  const note = { name: 'note', label: t('whistle.note'), required: true };
  if (item.stage === 'objected' && payload.objection) {
    return (
      <div>
        <p data-testid="whistle-objection">{t('whistle.objection', { reason: payload.objection.reason })}</p>
        <ActionForm
          {...form}
          field={note}
          choices={[
            {
              action: 'decide-objection',
              label: t('whistle.uphold'),
              input: { approve: true },
              testId: 'objection-uphold',
            },
            {
              action: 'decide-objection',
              label: t('whistle.overrule'),
              input: { approve: false },
              testId: 'objection-overrule',
            },
          ]}
        />
      </div>
    );
  }
  if (item.stage === 'extension-requested' && payload.extension) {
    return (
      <div>
        <p data-testid="whistle-extension">
          {t('whistle.extension', { until: formatInstant(payload.extension.until), reason: payload.extension.reason })}
        </p>
        <ActionForm
          {...form}
          field={note}
          choices={[
            {
              action: 'decide-extension',
              label: t('whistle.approve-extension'),
              input: { approve: true },
              testId: 'extension-approve',
              primary: true,
            },
            {
              action: 'decide-extension',
              label: t('whistle.refuse-extension'),
              input: { approve: false },
              testId: 'extension-refuse',
            },
          ]}
        />
      </div>
    );
  }
  if (item.stage === 'reported-back' && payload.reportedBack) {
    const lead = awaitsLead(row)
      ? rows.find((candidate) => payload.reviewer?.part === 'lead' && candidate.item.id === payload.reviewer.itemId)
      : undefined;
    return (
      <div>
        <ReportReview caseId={caseId} row={row} viaWorkItems={viaWorkItems} decides={!awaitsLead(row)} />
        {awaitsLead(row) && (
          <p className="muted" data-testid="whistle-awaiting-lead">
            {t('whistle.awaiting-lead', {
              department: lead?.payload.department ? text(lead.payload.department) : '',
            })}
          </p>
        )}
      </div>
    );
  }
  return null;
}

/** The matrix of summoned departments × state (red: not reported in, or late), with what the office must decide. */
function DepartmentMatrix({
  caseId,
  rows,
  viaWorkItems,
}: {
  caseId: string;
  rows: DepartmentRow[];
  viaWorkItems: boolean;
}) {
  const { t, text } = useI18n();
  if (rows.length === 0)
    return (
      <p className="muted" data-testid="whistle-matrix-empty">
        {t('whistle.matrix.empty')}
      </p>
    );
  return (
    <table className="whistle-matrix" data-testid="whistle-matrix">
      <thead>
        <tr>
          <th>{t('whistle.matrix.department')}</th>
          <th>{t('whistle.matrix.state')}</th>
          <th>{t('whistle.matrix.reported-in')}</th>
          <th>{t('whistle.matrix.deadline')}</th>
          <th>{t('whistle.matrix.decide')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.item.id} className={row.alarming ? 'alarming' : ''} data-testid={`whistle-row-${row.item.id}`}>
            <td>
              {row.payload.department ? text(row.payload.department) : text(row.item.title)}
              {row.payload.lead && <span className="badge"> {t('whistle.lead')}</span>}
              {row.payload.marks.length > 0 && (
                <span className="badge danger"> {row.payload.marks.map((mark) => t(markKey(mark))).join('、')}</span>
              )}
              <InterimReports payload={row.payload} testId={`interim-reports-${row.item.id}`} />
            </td>
            <td>
              <DepartmentStateBadge row={row} />
            </td>
            <td>
              {row.payload.reportedIn
                ? t(row.payload.reportedIn.onTime ? 'whistle.on-time' : 'whistle.late', {
                    at: formatInstant(row.payload.reportedIn.at),
                  })
                : '—'}
            </td>
            <td>
              {row.item.status !== 'open' ? (
                '—'
              ) : row.item.slaState === 'paused' ? (
                <span className="muted">{t('whistle.paused')}</span>
              ) : (
                <CountdownText deadline={row.item.deadline} />
              )}
            </td>
            <td>
              {row.item.status === 'open' && (
                <Decision caseId={caseId} row={row} rows={rows} viaWorkItems={viaWorkItems} />
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** 召集部门: a department of the case's district or street from the directory, not yet on this whistle. */
function SummonForm({
  caseId,
  itemId,
  caseUnit,
  rows,
  viaWorkItems,
}: {
  caseId: string;
  itemId: string;
  caseUnit: string;
  rows: DepartmentRow[];
  viaWorkItems: boolean;
}) {
  const { t, text } = useI18n();
  const api = useApi();
  const id = useId();
  const directory = useQuery({
    queryKey: ['directory', 'departments'],
    queryFn: () => api.departments(),
    staleTime: 300_000,
  });
  const units = summonableUnits(caseUnit);
  const taken = summonedKeys(rows);
  const offered = (directory.data?.departments ?? []).filter(
    (department) => units.includes(department.orgUnit) && !taken.has(`${department.roleKey}@${department.orgUnit}`),
  );
  const [chosen, setChosen] = useState('');
  const [lead, setLead] = useState<boolean>();
  const department = offered.find((candidate) => candidate.id === chosen);
  const asLead = lead ?? !hasLead(rows);
  return (
    <section className="whistle-move" data-testid="summon-form">
      <h5>{t('whistle.summon')}</h5>
      <div className="field">
        <label htmlFor={id}>{t('whistle.summon-choose')}</label>
        <select
          id={id}
          value={chosen}
          data-testid="summon-department"
          onChange={(event) => setChosen(event.target.value)}
        >
          <option value="">—</option>
          {offered.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {candidate.name}（{text(candidate.kindName)}）
            </option>
          ))}
        </select>
      </div>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={asLead}
          data-testid="summon-lead"
          onChange={(event) => setLead(event.target.checked)}
        />
        {t('whistle.summon-lead')}
      </label>
      {department && (
        <ActionForm
          caseId={caseId}
          itemId={itemId}
          viaWorkItems={viaWorkItems}
          choices={[
            {
              action: 'summon',
              label: t('whistle.summon'),
              input: { role: department.roleKey, unit: department.orgUnit, name: department.name, lead: asLead },
              testId: 'summon-submit',
              primary: true,
            },
          ]}
          onDone={() => {
            setChosen('');
            setLead(undefined);
          }}
        />
      )}
    </section>
  );
}

/** 核验并结束: settled or not, a note, and the office's rating of each accepted department (评价权). */
function CloseForm({
  caseId,
  itemId,
  rows,
  viaWorkItems,
}: {
  caseId: string;
  itemId: string;
  rows: DepartmentRow[];
  viaWorkItems: boolean;
}) {
  const { t, text, errorText } = useI18n();
  const [result, setResult] = useState<'settled' | 'not-settled'>('settled');
  const [note, setNote] = useState('');
  const [ratings, setRatings] = useState<Record<string, string>>({});
  const [refusal, setRefusal] = useState<string>();
  const act = useAct({ caseId, workItemId: itemId, viaWorkItems });
  const blocker = closeBlocker(rows);
  const accepted = rows.filter((row) => row.state === 'accepted');

  async function submit() {
    if (note.trim() === '') {
      setRefusal(t('act.required'));
      return;
    }
    try {
      const chosen = Object.fromEntries(Object.entries(ratings).filter(([, rating]) => rating !== ''));
      await act.mutateAsync({ action: 'close', input: { result, note: note.trim(), ratings: chosen } });
    } catch (error) {
      setRefusal(errorText(error));
    }
  }

  return (
    <details className="whistle-move" open={blocker === undefined}>
      <summary data-testid="close-open">
        {t('whistle.close')}
        {blocker && (
          <span className="muted" data-testid="close-blocker">
            {' '}
            {t(`whistle.close.${blocker}`)}
          </span>
        )}
      </summary>
      <fieldset>
        <legend>{t('whistle.result')}</legend>
        {(['settled', 'not-settled'] as const).map((value) => (
          <label key={value} className="checkbox">
            <input
              type="radio"
              name={`${itemId}-result`}
              checked={result === value}
              data-testid={`close-result-${value}`}
              onChange={() => setResult(value)}
            />
            {t(`whistle.result.${value}`)}
          </label>
        ))}
      </fieldset>
      {accepted.map((row) => (
        <label key={row.item.id} className="field">
          {t('whistle.rating', {
            department: row.payload.department ? text(row.payload.department) : text(row.item.title),
          })}
          <select
            value={ratings[row.item.id] ?? ''}
            data-testid={`rating-${row.item.id}`}
            onChange={(event) => setRatings((current) => ({ ...current, [row.item.id]: event.target.value }))}
          >
            <option value="">{t('whistle.rating.none')}</option>
            {satisfactions.map((value) => (
              <option key={value} value={value}>
                {t(`whistle.satisfaction.${value}`)}
              </option>
            ))}
          </select>
        </label>
      ))}
      <label className="field">
        {t('whistle.note')} <span className="required">*</span>
        <textarea rows={2} value={note} data-testid="close-note" onChange={(event) => setNote(event.target.value)} />
      </label>
      <button
        type="button"
        className="primary"
        disabled={act.isPending || blocker !== undefined}
        data-testid="close-submit"
        onClick={() => void submit()}
      >
        {act.isPending ? t('act.sending') : t('whistle.close')}
      </button>
      <ActRefusal text={refusal} />
    </details>
  );
}

/** 回访: the resident's three answers, which close the whistle. */
function CallbackForm({
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
  const { t } = useI18n();
  const [contactedInTime, setContacted] = useState(true);
  const [resolved, setResolved] = useState(true);
  const [satisfaction, setSatisfaction] = useState<(typeof satisfactions)[number]>('satisfied');
  const yesNo = (name: string, value: boolean, set: (value: boolean) => void) => (
    <span>
      {[true, false].map((option) => (
        <label key={String(option)} className="checkbox">
          <input
            type="radio"
            name={`${itemId}-${name}`}
            checked={value === option}
            data-testid={`callback-${name}-${option ? 'yes' : 'no'}`}
            onChange={() => set(option)}
          />
          {t(option ? 'whistle.yes' : 'whistle.no')}
        </label>
      ))}
    </span>
  );
  return (
    <div className="whistle-callback" data-testid="callback-form">
      <h4>{t('whistle.callback')}</h4>
      <p>
        {t('whistle.callback.contacted')} {yesNo('contacted', contactedInTime, setContacted)}
      </p>
      <p>
        {t('whistle.callback.resolved')} {yesNo('resolved', resolved, setResolved)}
      </p>
      <p>
        {t('whistle.callback.satisfaction')}{' '}
        <select
          value={satisfaction}
          data-testid="callback-satisfaction"
          onChange={(event) => setSatisfaction(event.target.value as (typeof satisfactions)[number])}
        >
          {satisfactions.map((value) => (
            <option key={value} value={value}>
              {t(`whistle.satisfaction.${value}`)}
            </option>
          ))}
        </select>
      </p>
      <ActionForm
        caseId={caseId}
        itemId={itemId}
        viaWorkItems={viaWorkItems}
        field={{ name: 'note', label: t('whistle.note'), required: false }}
        choices={[
          {
            action: 'record-callback',
            label: t('whistle.callback.record'),
            input: { contactedInTime, resolved, satisfaction },
            testId: 'callback-submit',
            primary: true,
          },
        ]}
        onDone={onDone}
      />
    </div>
  );
}

/**
 * The summoning office's panel (吹哨): the matrix of summoned departments with the objections, extension requests and
 * reports to decide, summoning more departments, verifying and closing — then the resident's callback — or withdrawing.
 */
export function OfficePanel({ caseId, item, viaWorkItems, onDone }: WorkItemPanelProps) {
  const { t } = useI18n();
  const snapshot = useCase(caseId);
  const rows = departmentRows(snapshot.data?.workItems ?? [], item);
  if (item.stage === 'callback') {
    return (
      <div className="whistle-panel" data-testid={`panel-${item.id}`}>
        <CallbackForm caseId={caseId} itemId={item.id} viaWorkItems={viaWorkItems} onDone={onDone} />
      </div>
    );
  }
  return (
    <div className="whistle-panel" data-testid={`panel-${item.id}`}>
      <h4>{t('whistle.matrix')}</h4>
      <DepartmentMatrix caseId={caseId} rows={rows} viaWorkItems={viaWorkItems} />
      <SummonForm
        caseId={caseId}
        itemId={item.id}
        caseUnit={snapshot.data?.orgUnit ?? ''}
        rows={rows}
        viaWorkItems={viaWorkItems}
      />
      <CloseForm caseId={caseId} itemId={item.id} rows={rows} viaWorkItems={viaWorkItems} />
      <details className="whistle-move">
        <summary data-testid="withdraw-open">{t('whistle.withdraw')}</summary>
        <ActionForm
          caseId={caseId}
          itemId={item.id}
          viaWorkItems={viaWorkItems}
          field={{ name: 'reason', label: t('whistle.reason'), required: true }}
          choices={[{ action: 'withdraw', label: t('whistle.withdraw'), testId: 'withdraw-submit' }]}
          onDone={onDone}
        />
      </details>
    </div>
  );
}
