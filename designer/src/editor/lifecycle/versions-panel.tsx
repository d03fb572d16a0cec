import { useState } from 'react';
import type { VersionMeta } from '../../api/schemas';
import { useI18n } from '../../i18n/i18n';
import type { Comparison } from '../diff/diff-view';
import { formatDeadline } from '../inspector/fields/format-deadline';

/** The version history (newest first) with a picker for the two versions to compare. */
export function VersionsPanel({
  versions,
  hasDraft,
  onCompare,
}: {
  versions: readonly VersionMeta[];
  hasDraft: boolean;
  onCompare(comparison: Comparison): void;
}) {
  const { t, language } = useI18n();
  const sorted = [...versions].sort((a, b) => b.version - a.version);
  const [from, setFrom] = useState(sorted[1]?.version ?? sorted[0]?.version ?? 1);
  const [to, setTo] = useState<string>(sorted.length > 1 ? String(sorted[0]?.version) : 'draft');
  return (
    <section className="versions-panel" aria-label={t('versions.title')} data-testid="versions-panel">
      <h3>{t('versions.title')}</h3>
      {sorted.length === 0 && <p className="muted">{t('versions.none')}</p>}
      <ol className="version-list">
        {sorted.map((version) => (
          <li key={version.version} data-testid={`version-${version.version}`}>
            <strong>v{version.version}</strong>{' '}
            <span className="muted">
              {formatDeadline(version.publishedAt, language, Date.now())} · {version.publishedBy}
            </span>
            <div>{version.changeNote}</div>
          </li>
        ))}
      </ol>
      {sorted.length > 0 && (
        <div className="compare">
          <label>
            {t('versions.from')}
            <select value={from} onChange={(event) => setFrom(Number(event.target.value))} data-testid="compare-from">
              {sorted.map((version) => (
                <option key={version.version} value={version.version}>
                  v{version.version}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('versions.to')}
            <select value={to} onChange={(event) => setTo(event.target.value)} data-testid="compare-to">
              {hasDraft && <option value="draft">{t('versions.draft')}</option>}
              {sorted.map((version) => (
                <option key={version.version} value={String(version.version)}>
                  v{version.version}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            data-testid="compare-submit"
            onClick={() => onCompare({ from, to: to === 'draft' ? 'draft' : Number(to) })}
          >
            {t('versions.compare')}
          </button>
        </div>
      )}
    </section>
  );
}
