import { useState, type FormEvent } from 'react';
import { isApiError } from '../../api/api-error';
import { useI18n } from '../../i18n/i18n';
import { Dialog } from '../../shell/dialog';

/** Asks for the change note and publishes; the caller saves the draft first and passes its revision on. */
export function PublishDialog({
  nextVersion,
  onPublish,
  onCancel,
}: {
  nextVersion: number;
  onPublish(changeNote: string): Promise<void>;
  onCancel(): void;
}) {
  const { t, message } = useI18n();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await onPublish(note.trim());
    } catch (caught) {
      setError(isApiError(caught) ? message(caught.message) : t('error.unexpected'));
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('publish.title', { version: nextVersion })} onClose={onCancel}>
      <form className="stack" onSubmit={(event) => void submit(event)}>
        <label>
          {t('publish.note')}
          <textarea
            data-testid="publish-note"
            value={note}
            required
            placeholder={t('publish.note-placeholder')}
            onChange={(event) => setNote(event.target.value)}
          />
        </label>
        {error && (
          <p className="error" role="alert" data-testid="publish-error">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy || note.trim() === ''} data-testid="publish-submit">
            {t('publish.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
