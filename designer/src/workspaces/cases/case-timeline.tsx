import type { TimelineEntry } from '../../../../definitions/engine/state';
import type { ProcessDefinition } from '../../../../definitions/schema';
import { useI18n } from '../../i18n/i18n';
import { formatInstant } from '../../work-items/format';
import { timelineDetails, timelineSentence } from './timeline-text';

/** The case's story in plain language, oldest first: when, who did what, with which data. */
export function CaseTimeline({
  entries,
  definition,
  hashes,
}: {
  entries: readonly (TimelineEntry & { hash?: string })[];
  definition: ProcessDefinition | undefined;
  /** Show each entry's hash (the auditor's view). */
  hashes?: boolean;
}) {
  const i18n = useI18n();
  return (
    <ol className="timeline" data-testid="timeline">
      {entries.map((entry) => (
        <li
          key={entry.seq}
          data-testid={`timeline-${entry.seq}`}
          className={`timeline-entry type-${entry.type.replace('.', '-')}`}
        >
          <time className="muted">{formatInstant(entry.at)}</time>
          <div>
            <p>{timelineSentence(i18n, definition, entry)}</p>
            {timelineDetails(i18n, definition, entry, hashes).map((line) => (
              <p key={line} className="muted timeline-detail">
                {line}
              </p>
            ))}
            {hashes && entry.hash && (
              <code className="hash" title={entry.hash} data-testid="entry-hash">
                #{entry.seq} {entry.hash.slice(0, 16)}…
              </code>
            )}
          </div>
        </li>
      ))}
    </ol>
  );
}
