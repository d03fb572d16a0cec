import { useEffect, useState } from 'react';
import type { Calendar } from '../../../../../definitions/duration';
import { formatShanghai } from '../../../../../definitions/time';
import { useApi } from '../../../api/api-context';
import { useI18n } from '../../../i18n/i18n';
import { formatDeadline } from './format-deadline';

/**
 * "若现在开启：10月12日 00:00 到期": the deadline a case opened right now would get, from the server's calendar
 * (working days need the State Council holiday schedule). Debounced while the user types.
 */
export function DeadlinePreview({ within, calendar }: { within: string; calendar: Calendar }) {
  const api = useApi();
  const { t, language, errorText } = useI18n();
  const [answer, setAnswer] = useState<{ text: string; provisional: boolean } | { error: string }>();

  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      const now = Date.now();
      api
        .deadline({ from: formatShanghai(now), within, calendar })
        .then((result) => {
          if (current)
            setAnswer({ text: formatDeadline(result.deadline, language, now), provisional: result.provisional });
        })
        .catch((error: unknown) => {
          if (current) setAnswer({ error: errorText(error) });
        });
    }, 300);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, within, calendar, language, errorText, t]);

  if (!answer) return <p className="muted deadline-preview">{t('duration.preview-loading')}</p>;
  if ('error' in answer) return <p className="muted deadline-preview">{answer.error}</p>;
  return (
    <p className="deadline-preview" data-testid="deadline-preview">
      {t('duration.preview', { when: answer.text })}
      {answer.provisional && <span className="muted"> {t('duration.provisional')}</span>}
    </p>
  );
}
