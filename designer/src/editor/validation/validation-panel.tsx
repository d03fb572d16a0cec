import type { Issue } from '../../../../definitions/common';
import { useI18n } from '../../i18n/i18n';

/**
 * The validator's issues, errors first, each with its stable code and the node or wire it concerns. Choosing one
 * selects and centres its node on the canvas.
 */
export function ValidationPanel({ issues, onSelect }: { issues: readonly Issue[]; onSelect(issue: Issue): void }) {
  const { t, message } = useI18n();
  const errors = issues.filter((found) => found.severity === 'error').length;
  const sorted = [...issues].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  return (
    <section className="validation-panel" aria-label={t('validation.title')} data-testid="validation-panel">
      <h3>
        {t('validation.title')}{' '}
        <span className={`badge ${errors > 0 ? 'error' : 'ok'}`} data-testid="validation-count">
          {errors > 0 ? t('validation.errors', { count: errors }) : t('validation.none')}
        </span>
      </h3>
      <ul className="issue-list">
        {sorted.map((found, index) => (
          <li key={`${found.code}-${found.nodeId ?? ''}-${index}`}>
            <button
              type="button"
              className={`issue ${found.severity}`}
              data-testid="validation-issue"
              data-code={found.code}
              onClick={() => onSelect(found)}
            >
              <code className="issue-code">{found.code}</code>
              <span className="issue-message">{message(found.message)}</span>
              {(found.nodeId ?? found.edge?.from) && (
                <span className="muted issue-where">
                  {found.edge ? `${found.edge.from} → ${found.edge.outcome}` : found.nodeId}
                </span>
              )}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
