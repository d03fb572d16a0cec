import { useState } from 'react';
import { Identifier } from '../../../definitions/common';
import { useApi } from '../api/api-context';
import { starterDefinition } from '../../../definitions/templates/starter';
import { useSubmit } from '../shell/use-submit';
import { useI18n } from '../i18n/i18n';
import { Dialog } from '../shell/dialog';

/** Creates a template from scratch (key, owner unit, bilingual name) with a start → end starter draft. */
export function CreateDialog({
  units,
  onDone,
  onCancel,
}: {
  units: string[];
  onDone(key: string): void;
  onCancel(): void;
}) {
  const api = useApi();
  const { t } = useI18n();
  const [key, setKey] = useState('');
  const [nameZh, setNameZh] = useState('');
  const [nameEn, setNameEn] = useState('');
  const [ownerUnit, setOwnerUnit] = useState(units[0] ?? '');
  const keyProblem = key && !Identifier.safeParse(key).success ? t('create.key-invalid') : undefined;

  const { busy, error, onSubmit } = useSubmit(async () => {
    const name = { zh: nameZh.trim(), en: nameEn.trim() || nameZh.trim() };
    const created = await api.createTemplate({ key, ownerUnit, definition: starterDefinition(key, name) });
    onDone(created.template.key);
  });

  return (
    <Dialog title={t('create.title')} onClose={onCancel}>
      <form onSubmit={onSubmit} className="stack">
        <label>
          {t('create.key')}
          <input data-testid="create-key" value={key} onChange={(event) => setKey(event.target.value)} required />
        </label>
        {keyProblem && <p className="error">{keyProblem}</p>}
        <label>
          {t('create.name-zh')}
          <input
            data-testid="create-name-zh"
            value={nameZh}
            onChange={(event) => setNameZh(event.target.value)}
            required
          />
        </label>
        <label>
          {t('create.name-en')}
          <input data-testid="create-name-en" value={nameEn} onChange={(event) => setNameEn(event.target.value)} />
        </label>
        <label>
          {t('derive.owner-unit')}
          <select data-testid="create-owner" value={ownerUnit} onChange={(event) => setOwnerUnit(event.target.value)}>
            {units.map((unit) => (
              <option key={unit} value={unit}>
                {unit}
              </option>
            ))}
          </select>
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
          <button
            type="submit"
            className="primary"
            disabled={busy || !!keyProblem || !ownerUnit}
            data-testid="create-submit"
          >
            {t('create.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
