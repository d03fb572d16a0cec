import { lazy, Suspense } from 'react';
import { Link, useParams } from 'react-router';
import { isAuditorOnly } from '../../../../server/access/policy';
import { useActor } from '../../app/use-actor';
import { useI18n } from '../../i18n/i18n';
import { formatInstant } from '../../work-items/format';
import { useCase, useDefinition } from '../../work-items/use-case-queries';
import { CaseTimeline } from './case-timeline';
import { IncidentList } from './incident-list';
import { LadderPanel } from './ladder-panel';
import { VoteBoxLinks } from './vote-box-links';
import { VariablesTable } from './variables-table';
import { WorkItemCard } from './work-item-card';

const CaseDiagram = lazy(() => import('./case-diagram'));

/**
 * `/cases/:id`: a live case — status, the open work items with countdowns and (for their assignees) the actions, the
 * process diagram with the path and the current positions, the timeline in plain language, variables and incidents.
 * Polled while it runs, refetched at once after an action.
 */
export function Component() {
  const { id = '' } = useParams();
  const { t, text, errorText } = useI18n();
  const { actor } = useActor();
  const snapshot = useCase(id);
  const definition = useDefinition(snapshot.data?.template.key, snapshot.data?.template.version);
  if (snapshot.error) {
    return (
      <main className="page-message">
        <p className="error" role="alert" data-testid="case-error">
          {errorText(snapshot.error)}
        </p>
      </main>
    );
  }
  if (!snapshot.data) return <main className="page-message muted">{t('common.loading')}</main>;
  const live = snapshot.data;
  const open = live.workItems.filter((item) => item.status === 'open');
  return (
    <main className="workspace case-page" data-testid="case-page">
      <div className="page-head">
        <div>
          <h1>{definition.data ? text(definition.data.name) : live.template.key}</h1>
          <p className="muted">
            <span data-testid="case-id">{live.caseId}</span> · {live.orgUnit} ·{' '}
            {t('case.started-at', { at: formatInstant(live.startedAt) })}
          </p>
        </div>
        <div className="case-status">
          <span className={`badge status-${live.status}`} data-testid="case-status">
            {t(`case.status.${live.status}`)}
            {live.outcome && ` · ${text(live.outcome.label)}`}
          </span>
          {live.overdue && <span className="badge danger">{t('inbox.overdue')}</span>}
          <VoteBoxLinks orgUnit={live.orgUnit} timeline={live.timeline} />
          {isAuditorOnly(actor) && (
            <Link to={`/audit/cases/${encodeURIComponent(live.caseId)}`} data-testid="case-audit-link">
              {t('audit.open-case')}
            </Link>
          )}
        </div>
      </div>
      <div className="case-columns">
        <section className="case-main">
          <LadderPanel definition={definition.data} timeline={live.timeline} />
          <h2>{t('case.open-work')}</h2>
          {open.length === 0 ? (
            <p className="muted" data-testid="no-open-work">
              {t('case.no-open-work')}
            </p>
          ) : (
            <ul className="work-items">
              {open.map((item) => (
                <WorkItemCard
                  key={item.id}
                  caseId={live.caseId}
                  item={item}
                  definition={definition.data}
                  viaWorkItems={live.actsOnWorkItems}
                />
              ))}
            </ul>
          )}
          <h2>{t('case.timeline')}</h2>
          <CaseTimeline entries={live.timeline} definition={definition.data} />
        </section>
        <aside className="case-side">
          <h2>{t('case.diagram')}</h2>
          {definition.data ? (
            <Suspense fallback={<p className="muted">{t('common.loading')}</p>}>
              <CaseDiagram
                definition={definition.data}
                path={live.path}
                openNodeIds={open.map((item) => item.nodeId)}
                timeline={live.timeline}
              />
            </Suspense>
          ) : (
            <p className="muted">{definition.error ? errorText(definition.error) : t('common.loading')}</p>
          )}
          <h2>{t('case.variables')}</h2>
          <VariablesTable variables={live.variables} definition={definition.data} />
          <h2>{t('incidents.title')}</h2>
          <IncidentList incidents={live.incidents} />
        </aside>
      </div>
    </main>
  );
}
