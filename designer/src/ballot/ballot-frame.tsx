import './ballot.css';
import { useEffect, type ReactNode } from 'react';
import { useBallotI18n } from './ballot-i18n';

/**
 * The owners' pages' frame (no account, no staff navigation): the compound's name as the heading, the language
 * switch, and a column sized for a phone held upright.
 */
export function BallotFrame({ heading, children }: { heading?: string; children: ReactNode }) {
  const { t, language, setLanguage } = useBallotI18n();
  const title = heading ?? t('ballot.title');
  // The tab and the phone's task switcher name the compound, not the staff app.
  useEffect(() => {
    document.title = `${title} · ${t('ballot.title')}`;
  }, [title, t]);
  return (
    <div className="ballot-page">
      <header className="ballot-head">
        <div>
          <div className="ballot-kicker">{t('ballot.kicker')}</div>
          <h1 data-testid="ballot-heading">{title}</h1>
        </div>
        <button
          type="button"
          className="link-button"
          data-testid="language-switch"
          aria-label={t('ballot.language.switch')}
          onClick={() => setLanguage(language === 'zh' ? 'en' : 'zh')}
        >
          {language === 'zh' ? 'English' : '中文'}
        </button>
      </header>
      <main>{children}</main>
    </div>
  );
}

/** A refusal or failure on an owner's page, in the reader's language, with its code for the help desk. */
export function BallotProblem({
  text,
  code,
  testId = 'ballot-error',
}: {
  text: string;
  code?: string;
  testId?: string;
}) {
  return (
    <div className="ballot-alert" role="alert" data-testid={testId}>
      <p>{text}</p>
      {code && <p className="muted ballot-code-line">{code}</p>}
    </div>
  );
}
