import { useState } from 'react';
import { useApi } from '../api/api-context';
import { useSubmit } from '../shell/use-submit';
import { useI18n } from '../i18n/i18n';
import { LanguageSwitch } from '../shell/language-switch';
import { useSession } from '../session/session';

/** The login page: username and password against POST /api/auth/login; refusals shown in the UI language. */
export function LoginPage() {
  const api = useApi();
  const { t } = useI18n();
  const { signIn, expired } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, onSubmit } = useSubmit(async () => {
    signIn(await api.login(username.trim(), password));
  });

  return (
    <main className="login-page">
      <form className="login-card" onSubmit={onSubmit} aria-labelledby="login-title">
        <div className="login-head">
          <h1 id="login-title">{t('app.title')}</h1>
          <LanguageSwitch />
        </div>
        <p className="muted">{t('login.subtitle')}</p>
        {expired && <p className="notice">{t('login.expired')}</p>}
        <label>
          {t('login.username')}
          <input
            data-testid="login-username"
            autoComplete="username"
            value={username}
            onChange={(event) => setUsername(event.target.value)}
            required
          />
        </label>
        <label>
          {t('login.password')}
          <input
            data-testid="login-password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            required
          />
        </label>
        {error && (
          <p className="error" role="alert" data-testid="login-error">
            {error}
          </p>
        )}
        <button type="submit" className="primary" data-testid="login-submit" disabled={busy}>
          {busy ? t('login.signing-in') : t('login.submit')}
        </button>
      </form>
    </main>
  );
}
