import { type Calendar, durationShape } from '../../../../definitions/duration';
import type { TimelineEntry } from '../../../../definitions/engine/state';
import { type CaseLadderView, ladderViewOf } from '../../../../definitions/engine/ladder-view';
import type { ProcessDefinition } from '../../../../definitions/schema';
import { type I18n, useI18n } from '../../i18n/i18n';
import { formatInstant } from '../../work-items/format';
import './ladder-panel.css';

/** The causes an escalation names (`ladder.escalated`). */
const causes = ['decision', 'breach', 'action-item', 'other'] as const;
const causeOf = (cause: string | undefined) => causes.find((known) => known === cause) ?? 'other';

/**
 * The case's escalation ladder (小事不出小区，大事不出社区): its rungs lowest first with the one the case is on
 * highlighted (and its settle-by deadline, red once passed), the rung it was settled on, and every move — each
 * escalation with from → to, its cause, reason, who and when. Derived from the definition's ladder and the case's
 * timeline (the same pure view the API serves); nothing when the template declares no ladder.
 */
export function LadderPanel({
  definition,
  timeline,
}: {
  definition: ProcessDefinition | undefined;
  timeline: readonly TimelineEntry[];
}) {
  if (!definition?.ladder) return null;
  return <LadderView view={ladderViewOf(definition.ladder, timeline)} />;
}

export function LadderView({ view }: { view: CaseLadderView }) {
  const { t, text } = useI18n();
  const name = (id: string | undefined) => {
    const rung = view.rungs.find((candidate) => candidate.id === id);
    return rung ? text(rung.name) : (id ?? '');
  };
  const moves = view.events.filter((event) => event.kind === 'escalated' || event.kind === 'descended');
  return (
    <section className="ladder" data-testid="case-ladder">
      <h2>{t('ladder.title')}</h2>
      <ol className="ladder-rungs">
        {view.rungs.map((rung) => {
          const current = rung.id === view.current;
          const settled = rung.id === view.settledOn;
          return (
            <li
              key={rung.id}
              className={`ladder-rung${current ? ' current' : ''}${settled ? ' settled' : ''}${current && view.currentOverdue ? ' overdue' : ''}`}
              data-testid={`ladder-rung-${rung.id}`}
              aria-current={current ? 'step' : undefined}
            >
              <strong>{text(rung.name)}</strong>
              <span className="muted">
                {t('ladder.settle-within', { within: withinText(t, rung.settleWithin, rung.calendar) })}
              </span>
              {current && !settled && (
                <span className="badge" data-testid="ladder-current">
                  {t('ladder.current')}
                  {view.currentDeadline && ` · ${t('ladder.deadline', { at: formatInstant(view.currentDeadline) })}`}
                </span>
              )}
              {current && view.currentOverdue && <span className="badge danger">{t('ladder.overdue')}</span>}
              {settled && <span className="badge ok">{t('ladder.settled')}</span>}
            </li>
          );
        })}
      </ol>
      {moves.length === 0 ? (
        <p className="muted">{t('ladder.no-escalation')}</p>
      ) : (
        <ul className="ladder-events" data-testid="ladder-escalations">
          {moves.map((event) => (
            <li key={event.seq}>
              <span className={`badge ${event.kind === 'escalated' ? 'danger' : ''}`}>
                {name(event.from)} → {name(event.to)}
              </span>{' '}
              {event.kind === 'escalated' ? t(`ladder.cause.${causeOf(event.cause)}`) : t('ladder.descended')}
              {event.reason && <>：{event.reason}</>}
              <span className="muted">
                {' '}
                · {event.by} · {formatInstant(event.at)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** A rung's settle-by span in words ("7 天", "5 个工作日", "48 小时"); the ISO text when it has no plain reading. */
function withinText(t: I18n['t'], text: string, calendar: Calendar): string {
  const shape = durationShape(text);
  if ('problem' in shape) return text;
  if (shape.kind === 'days')
    return t(calendar === 'workdays' ? 'ladder.within.workdays' : 'ladder.within.days', { n: shape.days });
  if (shape.kind === 'months') return t('ladder.within.months', { n: shape.months });
  const hours = shape.milliseconds / 3_600_000;
  return Number.isInteger(hours) ? t('ladder.within.hours', { n: hours }) : text;
}
