import { useState } from 'react';
import { useSubmit } from '../../shell/use-submit';
import { useI18n } from '../../i18n/i18n';
import { Dialog } from '../../shell/dialog';

/** Retires a template with a reason: no new cases start from it; running cases keep their version. */
export function RetireDialog({ onRetire, onCancel }: { onRetire(reason: string): Promise<void>; onCancel(): void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const { busy, error, onSubmit } = useSubmit(() => onRetire(reason.trim()));

  return (
    <Dialog title={t('retire.title')} onClose={onCancel}>
      <form className="stack" onSubmit={onSubmit}>
        <p>{t('retire.explain')}</p>
        <label>
          {t('retire.reason')}
          <input
            data-testid="retire-reason"
            value={reason}
            required
            onChange={(event) => setReason(event.target.value)}
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
          <button type="submit" className="danger" disabled={busy || reason.trim() === ''} data-testid="retire-submit">
            {t('retire.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
