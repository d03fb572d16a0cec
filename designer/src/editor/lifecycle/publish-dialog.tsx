import { useState } from 'react';
import { useSubmit } from '../../shell/use-submit';
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
  const { t } = useI18n();
  const [note, setNote] = useState('');
  const { busy, error, onSubmit } = useSubmit(() => onPublish(note.trim()));

  return (
    <Dialog title={t('publish.title', { version: nextVersion })} onClose={onCancel}>
      <form className="stack" onSubmit={onSubmit}>
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
