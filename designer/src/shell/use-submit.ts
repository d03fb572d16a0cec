import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n';

/**
 * A form's submit: prevents the page load, marks the form busy while `action` runs, and keeps what went wrong (in
 * the user's language) for the form to show. Every dialog and the login page submit through it.
 */
export function useSubmit(action: () => Promise<void>) {
  const { errorText } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, onSubmit: (event: FormEvent) => void submit(event) };
}
