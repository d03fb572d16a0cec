import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useApi } from '../../api/api-context';
import type { ApiClient } from '../../api/client';
import type { BoxOverview, LogRow } from '../../api/ballot-calls';
import { BallotLogTable } from '../../ballot/ballot-log-table';
import { channelKey, choiceKey } from '../../ballot/ballot-text';
import { useI18n, type I18n } from '../../i18n/i18n';
import { formatInstant } from '../../work-items/format';
import { downloadCsv } from '../dashboard/download-csv';
import { toCsv } from '../dashboard/rankings';

const pageSize = 1000;

/** Every ballot of the box, page by page (the largest page the API gives). */
async function wholeLog(api: ApiClient, boxId: string): Promise<LogRow[]> {
  const rows: LogRow[] = [];
  let after: string | undefined;
  do {
    const page = await api.voteLog(boxId, { after, limit: 5000 });
    rows.push(...page.ballots);
    after = page.next ?? undefined;
  } while (after);
  return rows;
}

/** The log as a CSV: one row per ballot, one column per matter, in the reader's language (no names, as on the page). */
export function logCsv(overview: BoxOverview, rows: LogRow[], { t, text }: Pick<I18n, 't' | 'text'>): string {
  const matters = overview.box.matters;
  return toCsv(
    [
      t('ballot.log.unit'),
      t('ballot.log.area'),
      ...matters.map((matter) => text(matter.title)),
      t('ballot.log.channel'),
      t('ballot.log.at'),
    ],
    rows.map((row) => [
      row.unit,
      row.area,
      ...matters.map((matter) => {
        const choice = row.choices[matter.key];
        return choice ? t(choiceKey(choice)) : t('ballot.choice.blank');
      }),
      t(channelKey(row.channel)),
      formatInstant(row.castAt),
    ]),
  );
}

/** The staff's ballot log: paged like the owners', plus the whole log as CSV and the digest once closed. */
export function VoteLog({ overview }: { overview: BoxOverview }) {
  const api = useApi();
  const i18n = useI18n();
  const { t, errorText } = i18n;
  const boxId = overview.box.boxId;
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string>();
  const log = useInfiniteQuery({
    queryKey: ['votes', boxId, 'log'],
    queryFn: ({ pageParam }) => api.voteLog(boxId, { after: pageParam, limit: pageSize }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next ?? undefined,
  });

  async function exportCsv() {
    setExporting(true);
    setExportError(undefined);
    try {
      const rows = await wholeLog(api, boxId);
      downloadCsv(`ballot-log-${boxId.replaceAll(/[^A-Za-z0-9.-]+/g, '_')}.csv`, logCsv(overview, rows, i18n));
    } catch (caught) {
      setExportError(errorText(caught));
    } finally {
      setExporting(false);
    }
  }

  if (log.error)
    return (
      <p className="error" role="alert">
        {errorText(log.error)}
      </p>
    );
  const pages = log.data?.pages ?? [];
  const first = pages[0];
  if (!first) return <p className="muted">{t('common.loading')}</p>;
  const rows = pages.flatMap((page) => page.ballots);
  return (
    <section data-testid="votes-log">
      <div className="row">
        <p data-testid="votes-log-summary">
          {t(first.state === 'closed' ? 'ballot.log.closed' : 'ballot.log.open', { total: first.total })}
        </p>
        <button
          type="button"
          onClick={() => void exportCsv()}
          disabled={exporting || first.total === 0}
          data-testid="votes-log-csv"
        >
          {t('votes.log.csv')}
        </button>
      </div>
      {exportError && (
        <p className="error" role="alert">
          {exportError}
        </p>
      )}
      {first.digest && (
        <p className="ballot-digest" data-testid="votes-log-digest">
          {t('ballot.log.digest')} <code>{first.digest}</code>
        </p>
      )}
      <BallotLogTable matters={overview.box.matters} rows={rows} />
      {log.hasNextPage && (
        <button type="button" disabled={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()}>
          {t('ballot.log.more', { shown: rows.length, total: first.total })}
        </button>
      )}
    </section>
  );
}
