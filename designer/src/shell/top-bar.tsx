import { NavLink } from 'react-router';
import type { Workspace } from '../access/actor';
import { useActor } from '../app/use-actor';
import type { MessageKey } from '../i18n/zh';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session/session';
import { LanguageSwitch } from './language-switch';

const workspacePaths = {
  inbox: { to: '/inbox', label: 'nav.inbox' },
  department: { to: '/department', label: 'nav.department' },
  meetings: { to: '/meetings', label: 'nav.meetings' },
  cases: { to: '/cases', label: 'nav.cases' },
  dashboard: { to: '/dashboard', label: 'nav.dashboard' },
  templates: { to: '/templates', label: 'nav.templates' },
  audit: { to: '/audit', label: 'nav.audit' },
  calendar: { to: '/calendar', label: 'nav.calendar' },
} satisfies Record<Workspace, { to: string; label: MessageKey }>;

/** The bar above every page after login: app name, the workspaces the person's roles open, the user, language, logout. */
export function TopBar() {
  const { t } = useI18n();
  const { session, signOut } = useSession();
  const { workspaces, home } = useActor();
  return (
    <header className="top-bar">
      <NavLink to={home} className="brand" data-testid="nav-home">
        {t('app.name')}
      </NavLink>
      <nav className="top-nav" aria-label={t('nav.label')}>
        {workspaces.map((workspace) => (
          <NavLink key={workspace} to={workspacePaths[workspace].to} data-testid={`nav-${workspace}`}>
            {t(workspacePaths[workspace].label)}
          </NavLink>
        ))}
      </nav>
      <span className="muted current-user" data-testid="current-user">
        {session?.user.displayName}
      </span>
      <LanguageSwitch />
      <button type="button" className="link-button" onClick={signOut} data-testid="logout">
        {t('login.logout')}
      </button>
    </header>
  );
}
