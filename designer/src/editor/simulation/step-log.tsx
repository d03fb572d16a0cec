import { useI18n } from '../../i18n/i18n';
import type { Simulation } from './simulator';

/** The simulated case's timeline (the interpreter's own entries) and what the host did (notifications, deadlines). */
export function StepLog({ simulation }: { simulation: Simulation }) {
  const { t, lookup } = useI18n();
  const entries = [
    ...simulation.timeline.map((entry) => ({
      at: entry.at,
      text: [
        lookup(`timeline.${entry.type}`, entry.type),
        entry.nodeId,
        entry.outcome && `→ ${entry.outcome}`,
        entry.note,
      ]
        .filter(Boolean)
        .join(' '),
    })),
    ...simulation.notes.map((note) => ({
      at: note.at,
      text: `${lookup(`host.${note.kind}`, note.kind)} ${note.text}`,
    })),
  ].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return (
    <section aria-label={t('simulation.log')}>
      <h4>{t('simulation.log')}</h4>
      <ol className="step-log" data-testid="sim-log">
        {entries.map((entry, index) => (
          <li key={index}>
            <time className="muted">{entry.at.slice(5, 16).replace('T', ' ')}</time> {entry.text}
          </li>
        ))}
      </ol>
    </section>
  );
}
