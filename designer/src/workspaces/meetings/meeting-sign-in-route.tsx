import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../../api/api-error';
import { useApi } from '../../api/api-context';
import { useI18n } from '../../i18n/i18n';
import './meetings.css';

/** The parties a person belonging to several may choose from (the `meeting-sign-in.choose-party` refusal's details). */
function partiesToChoose(error: unknown): string[] {
  if (!(error instanceof ApiError) || error.code !== 'meeting-sign-in.choose-party') return [];
  const details = error.details as { parties?: unknown } | undefined;
  return Array.isArray(details?.parties) ? details.parties.map(String) : [];
}

/**
 * `/meetings/sign-in?code=…`: the page the convener's QR code opens on an attendee's phone. Signed out, the app shows
 * the login page at this address and comes back here after login; then the code is sent once with the person's own
 * login and the answer shown — signed in for which party, already signed in, or why not (with the parties to choose
 * from when they belong to several).
 */
export function Component() {
  const api = useApi();
  const { t, text, errorText } = useI18n();
  const [params] = useSearchParams();
  const code = params.get('code') ?? '';
  const signIn = useMutation({ mutationFn: (party?: string) => api.meetingSignIn(code, party) });
  const sent = useRef(false);
  const { mutate } = signIn;
  useEffect(() => {
    if (sent.current || code === '') return;
    sent.current = true;
    mutate(undefined);
  }, [code, mutate]);
  const answer = signIn.data;
  const choices = partiesToChoose(signIn.error);
  return (
    <main className="workspace meeting-sign-in-result" data-testid="meeting-sign-in-page">
      <h1>{t('meetings.sign-in.title')}</h1>
      {code === '' && <p className="error">{t('meetings.sign-in.no-code')}</p>}
      {signIn.isPending && <p className="muted">{t('meetings.sign-in.sending')}</p>}
      {answer && (
        <>
          <p className="badge ok" data-testid="meeting-sign-in-done">
            {t(answer.alreadySignedIn ? 'meetings.sign-in.already' : 'meetings.sign-in.done', {
              name: answer.name,
              meeting: text(answer.title),
            })}
          </p>
          <p>
            <Link
              to={`/cases/${encodeURIComponent(answer.caseId)}/meetings/${encodeURIComponent(answer.instanceId)}`}
              data-testid="meeting-sign-in-page-link"
            >
              {t('meeting.open-page')}
            </Link>
          </p>
        </>
      )}
      {signIn.error && choices.length === 0 && (
        <p className="error" role="alert" data-testid="meeting-sign-in-error">
          {errorText(signIn.error)}
        </p>
      )}
      {choices.length > 0 && (
        <div data-testid="meeting-sign-in-choose">
          <p>{errorText(signIn.error)}</p>
          {choices.map((party) => (
            <button key={party} type="button" className="primary" onClick={() => signIn.mutate(party)}>
              {party}
            </button>
          ))}
        </div>
      )}
    </main>
  );
}
