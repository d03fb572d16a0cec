import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { z } from 'zod';
import type { ScheduleImportBody } from '../../../../server/http/routes/calendar-schemas';
import { useApi } from '../../api/api-context';
import { ApiError } from '../../api/api-error';
import { holidaySchedulesKey } from '../../clock/use-holiday-calendar';
import { formatShanghai } from '../../../../definitions/time';
import { useI18n } from '../../i18n/i18n';
import { adminUnits, useSession } from '../../session/session';

/** One refused entry as the import answers it (`details.errors` of `schedule.invalid`). */
const RowErrors = z.object({
  errors: z.array(z.object({ row: z.number(), date: z.string().optional(), code: z.string(), message: z.string() })),
});

/** What the uploaded file holds: CSV text, or JSON with `entries` (or the entries array itself). */
function importBody(year: number, fileName: string, text: string, note: string): ScheduleImportBody {
  const withNote = note.trim() ? { note: note.trim() } : {};
  if (!fileName.toLowerCase().endsWith('.json')) return { year, csv: text, ...withNote };
  const json: unknown = JSON.parse(text);
  const entries = Array.isArray(json) ? json : (json as { entries?: unknown }).entries;
  return { year, entries: entries as ScheduleImportBody['entries'], ...withNote };
}

/**
 * `/calendar`: the holiday schedules deadlines count on (issue 11 §4) — the years the installed package carries, the
 * imported years in force with every version (who, when, content hash), and, for district admins, the import of a
 * year's State Council schedule from a CSV (`date,kind,name`) or JSON file. A refused file lists each bad row.
 */
export function Component() {
  const api = useApi();
  const queryClient = useQueryClient();
  const { t, message, errorText } = useI18n();
  const { session } = useSession();
  const mayImport = adminUnits(session).length > 0;
  const schedules = useQuery({ queryKey: holidaySchedulesKey, queryFn: () => api.holidaySchedules() });
  const [year, setYear] = useState(() => new Date().getFullYear() + 1);
  const [file, setFile] = useState<File>();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<
    { ok: string } | { error: string; rows: z.infer<typeof RowErrors>['errors'] }
  >();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    setOutcome(undefined);
    try {
      const answer = await api.importHolidaySchedule(importBody(year, file.name, await file.text(), note));
      setOutcome({
        ok: t('schedules.imported', {
          year: answer.schedule.year,
          version: answer.schedule.version,
          cases: answer.recompute?.cases ?? 0,
          deadlines: answer.recompute?.recomputing ?? 0,
        }),
      });
      await queryClient.invalidateQueries({ queryKey: holidaySchedulesKey });
    } catch (caught) {
      const rows = caught instanceof ApiError ? RowErrors.safeParse(caught.details) : undefined;
      setOutcome({
        error: caught instanceof SyntaxError ? t('schedules.bad-json') : errorText(caught),
        rows: rows?.success ? rows.data.errors : [],
      });
    } finally {
      setBusy(false);
    }
  }

  const data = schedules.data;
  return (
    <main className="workspace holiday-schedules-page" data-testid="holiday-schedules-page">
      <h1>{t('schedules.title')}</h1>
      <p className="muted">{t('schedules.explain')}</p>
      {schedules.error && (
        <p className="error" role="alert">
          {errorText(schedules.error)}
        </p>
      )}
      {!data && !schedules.error && <p className="muted">{t('common.loading')}</p>}
      {data && (
        <>
          <p data-testid="schedules-bundled">
            {t('schedules.bundled', {
              from: data.bundledYears[0] ?? '—',
              to: data.bundledYears[data.bundledYears.length - 1] ?? '—',
            })}
          </p>
          <h2>{t('schedules.versions')}</h2>
          {data.versions.length === 0 ? (
            <p className="muted">{t('schedules.none')}</p>
          ) : (
            <table className="case-table" data-testid="schedules-versions">
              <thead>
                <tr>
                  <th>{t('schedules.year')}</th>
                  <th>{t('schedules.version')}</th>
                  <th>{t('schedules.days')}</th>
                  <th>{t('schedules.by')}</th>
                  <th>{t('schedules.hash')}</th>
                </tr>
              </thead>
              <tbody>
                {data.versions.map((version) => {
                  const inForce = data.inForce.some((y) => y.year === version.year && y.version === version.version);
                  return (
                    <tr key={`${version.year}-${version.version}`}>
                      <td>{version.year}</td>
                      <td>
                        {version.version}
                        {inForce && <strong> {t('schedules.in-force')}</strong>}
                      </td>
                      <td>{t('schedules.day-counts', { holidays: version.holidays, workdays: version.workdays })}</td>
                      <td>
                        {version.importedBy} ·{' '}
                        {formatShanghai(Date.parse(version.importedAt)).slice(0, 16).replace('T', ' ')}
                        {version.note && <span className="muted"> · {version.note}</span>}
                      </td>
                      <td title={version.contentHash}>{version.contentHash.slice(0, 12)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </>
      )}
      {mayImport && (
        <form onSubmit={(event) => void submit(event)} aria-label={t('schedules.import')} style={{ maxWidth: 480 }}>
          <h2>{t('schedules.import')}</h2>
          <p className="muted">{t('schedules.format')}</p>
          <label className="field">
            <span className="field-label">{t('schedules.year')}</span>
            <input
              type="number"
              min={2000}
              max={2999}
              value={year}
              onChange={(event) => setYear(Number(event.target.value))}
              data-testid="schedule-year"
            />
          </label>
          <label className="field">
            <span className="field-label">{t('schedules.file')}</span>
            <input
              type="file"
              accept=".csv,.json,text/csv,application/json"
              onChange={(event) => setFile(event.target.files?.[0])}
              data-testid="schedule-file"
            />
          </label>
          <label className="field">
            <span className="field-label">{t('schedules.note')}</span>
            <input value={note} maxLength={200} onChange={(event) => setNote(event.target.value)} />
          </label>
          <button type="submit" className="primary" disabled={!file || busy} data-testid="schedule-import">
            {t('schedules.import')}
          </button>
        </form>
      )}
      {outcome && 'ok' in outcome && (
        <p role="status" data-testid="schedule-result">
          {outcome.ok}
        </p>
      )}
      {outcome && 'error' in outcome && (
        <div role="alert" className="error" data-testid="schedule-errors">
          <p>{outcome.error}</p>
          {outcome.rows.length > 0 && (
            <ul>
              {outcome.rows.map((row) => (
                <li key={`${row.row}-${row.code}`}>
                  {message(row.message)} ({row.code})
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </main>
  );
}
