import { useInfiniteQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useApi } from '../../api/api-context';
import { useI18n } from '../../i18n/i18n';
import { formatInstant } from '../../work-items/format';
import { useCase, useDefinition } from '../../work-items/use-case-queries';
import { CaseTimeline } from '../cases/case-timeline';
import { IncidentList } from '../cases/incident-list';
import { ExportButtons } from './export-buttons';
import { TemporalHistory } from './temporal-history';
import { VerifyBanner } from './verify-banner';

/**
 * `/audit/cases/:id`: one case for an auditor, read-only — the full hash-chained timeline with each entry's hash and
 * the server's verification, the raw Temporal history paged, the exports as files, and the case's incidents.
 */
export function Component() {
  const { id = '' } = useParams();
  const api = useApi();
  const { t, text, errorText } = useI18n();
  const snapshot = useCase(id);
  const definition = useDefinition(snapshot.data?.template.key, snapshot.data?.template.version);
  const history = useInfiniteQuery({
    queryKey: ['history', id],
    queryFn: ({ pageParam }) => api.history(id, pageParam),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (page) => page.nextAfterSeq,
  });
  const error = snapshot.error ?? history.error;
  if (error) {
    return (
      <main className="page-message">
        <p className="error" role="alert" data-testid="case-error">
          {errorText(error)}
        </p>
      </main>
    );
  }
  const entries = history.data?.pages.flatMap((page) => page.entries) ?? [];
  return (
    <main className="workspace audit-case-page" data-testid="audit-case-page">
      <div className="page-head">
        <div>
          <h1>{definition.data ? text(definition.data.name) : (snapshot.data?.template.key ?? id)}</h1>
          <p className="muted">
            <Link to={`/cases/${encodeURIComponent(id)}`}>{id}</Link>
            {snapshot.data &&
              ` · ${snapshot.data.orgUnit} · ${t(`case.status.${snapshot.data.status}`)} · ${t('case.started-at', { at: formatInstant(snapshot.data.startedAt) })}`}
          </p>
        </div>
        <ExportButtons caseId={id} />
      </div>
      <VerifyBanner caseId={id} />
      <h2>{t('audit.timeline', { count: entries.length })}</h2>
      {history.isPending ? (
        <p className="muted">{t('common.loading')}</p>
      ) : (
        <CaseTimeline entries={entries} definition={definition.data} hashes />
      )}
      {history.hasNextPage && (
        <button type="button" onClick={() => void history.fetchNextPage()}>
          {t('list.more')}
        </button>
      )}
      <h2>{t('incidents.title')}</h2>
      <IncidentList incidents={snapshot.data?.incidents ?? []} />
      <h2>{t('audit.temporal')}</h2>
      <TemporalHistory caseId={id} />
    </main>
  );
}
