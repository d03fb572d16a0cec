import { useState, type FormEvent } from 'react';
import { isApiError } from '../../api/api-error';
import { useI18n } from '../../i18n/i18n';
import { Dialog } from '../../shell/dialog';

/** Retires a template with a reason: no new cases start from it; running cases keep their version. */
export function RetireDialog({ onRetire, onCancel }: { onRetire(reason: string): Promise<void>; onCancel(): void }) {
  const { t, message } = useI18n();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      await onRetire(reason.trim());
    } catch (caught) {
      setError(isApiError(caught) ? message(caught.message) : t('error.unexpected'));
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('retire.title')} onClose={onCancel}>
      <form className="stack" onSubmit={(event) => void submit(event)}>
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
