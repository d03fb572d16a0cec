import { Outlet, useNavigation } from 'react-router';
import { useI18n } from '../i18n/i18n';
import { LoginPage } from '../login/login-page';
import { useSession } from '../session/session';
import { TopBar } from '../shell/top-bar';

/**
 * Every page's frame. Signed out, the login page is shown at whatever address was opened, so a deep link pasted into
 * a new tab opens its page right after login; signed in, the top bar (navigation by role) and the page.
 */
export function Root() {
  const { session } = useSession();
  const { t } = useI18n();
  const navigation = useNavigation();
  if (!session) return <LoginPage />;
  return (
    <div className="app">
      <TopBar />
      {navigation.state === 'loading' && (
        <div className="route-loading" role="status">
          {t('common.loading')}
        </div>
      )}
      <Outlet />
    </div>
  );
}

/** The page shown while a workspace's code is still loading on first open. */
export function RouteLoading() {
  const { t } = useI18n();
  return <main className="page-message muted">{t('common.loading')}</main>;
}
