import { useState } from 'react';
import { useApi } from '../api/api-context';
import type { TemplateSummary } from '../api/schemas';
import { useSubmit } from '../shell/use-submit';
import { useI18n } from '../i18n/i18n';
import { Dialog } from '../shell/dialog';

/** Asks where a derived copy belongs (and optionally its key), then derives it and hands back the new key. */
export function DeriveDialog({
  template,
  units,
  onDone,
  onCancel,
}: {
  template: TemplateSummary;
  units: string[];
  onDone(key: string): void;
  onCancel(): void;
}) {
  const api = useApi();
  const { t, text } = useI18n();
  const [ownerUnit, setOwnerUnit] = useState(units[0] ?? '');
  const [newKey, setNewKey] = useState('');
  // Any published version may be derived (a district may keep the older shape of a process); the latest by default.
  const versions = Array.from({ length: template.latestVersion ?? 0 }, (_, index) => index + 1).reverse();
  const [version, setVersion] = useState(template.latestVersion ?? undefined);
  const { busy, error, onSubmit } = useSubmit(async () => {
    const created = await api.derive(template.key, {
      ownerUnit,
      ...(newKey.trim() && { newKey: newKey.trim() }),
      ...(version !== undefined && { version }),
    });
    onDone(created.template.key);
  });

  return (
    <Dialog title={t('derive.title', { name: text(template.name) })} onClose={onCancel}>
      <form onSubmit={onSubmit} className="stack">
        <label>
          {t('derive.owner-unit')}
          <select data-testid="derive-owner" value={ownerUnit} onChange={(event) => setOwnerUnit(event.target.value)}>
            {units.map((unit) => (
              <option key={unit} value={unit}>
                {unit}
              </option>
            ))}
          </select>
        </label>
        {versions.length > 1 && (
          <label>
            {t('derive.version')}
            <select
              data-testid="derive-version"
              value={version}
              onChange={(event) => setVersion(Number(event.target.value))}
            >
              {versions.map((number) => (
                <option key={number} value={number}>
                  {number === template.latestVersion
                    ? t('derive.version-latest', { version: number })
                    : t('derive.version-number', { version: number })}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          {t('derive.new-key')}
          <input
            data-testid="derive-key"
            value={newKey}
            placeholder={t('derive.new-key-placeholder')}
            onChange={(event) => setNewKey(event.target.value)}
          />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy || !ownerUnit} data-testid="derive-submit">
            {t('derive.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
