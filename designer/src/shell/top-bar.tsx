import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session/session';
import { LanguageSwitch } from './language-switch';

/** The bar above every page after login: app name, page-specific content, the user, language and logout. */
export function TopBar({ children, onHome }: { children?: ReactNode; onHome(): void }) {
  const { t } = useI18n();
  const { session, signOut } = useSession();
  return (
    <header className="top-bar">
      <button type="button" className="brand link-button" onClick={onHome} data-testid="nav-home">
        {t('app.title')}
      </button>
      <div className="top-bar-middle">{children}</div>
      <span className="muted" data-testid="current-user">
        {session?.user.displayName}
      </span>
      <LanguageSwitch />
      <button type="button" className="link-button" onClick={signOut} data-testid="logout">
        {t('login.logout')}
      </button>
    </header>
  );
}
