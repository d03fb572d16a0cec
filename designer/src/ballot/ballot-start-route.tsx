import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useBallotI18n } from './ballot-i18n';
import { BallotFrame } from './ballot-frame';

/**
 * `/ballot?box=<boxId>`: where the meeting notice's QR code leads (召开业主大会公告, server/documents/vote-notice.ts).
 * The notice is one for all owners, so it cannot carry anyone's ballot: the owner types the one-time code from their
 * own letter (投票通知书) and goes on to their ballot; an owner who already voted checks their receipt instead.
 */
export function Component() {
  const { t } = useBallotI18n();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const box = params.get('box') ?? '';
  const [code, setCode] = useState('');
  // Letters print the link; owners may paste all of it, or type only the code after `/ballot/`.
  const token = code
    .trim()
    .replace(/^.*\/ballot\//, '')
    .replace(/[\s/]+/g, '');

  function open(event: FormEvent) {
    event.preventDefault();
    if (token) void navigate(`/ballot/${encodeURIComponent(token)}`);
  }

  return (
    <BallotFrame heading={t('ballot.start.title')}>
      <form onSubmit={open} className="ballot-form" data-testid="ballot-start-form">
        <p className="muted">{t('ballot.start.explain')}</p>
        <label className="field">
          <span className="field-label">{t('ballot.start.code')}</span>
          <input
            value={code}
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => setCode(event.target.value)}
            data-testid="ballot-start-code"
          />
        </label>
        <button type="submit" className="primary ballot-big-button" disabled={!token} data-testid="ballot-start-submit">
          {t('ballot.start.submit')}
        </button>
      </form>
      <p>
        <Link to={`/ballot/receipt${box ? `?${new URLSearchParams({ box })}` : ''}`} data-testid="ballot-start-receipt">
          {t('ballot.start.receipt')}
        </Link>
      </p>
    </BallotFrame>
  );
}
