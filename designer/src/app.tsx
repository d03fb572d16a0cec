import { EditorPage } from './editor/editor-page';
import { HomePage } from './home/home-page';
import { I18nProvider } from './i18n/i18n';
import { LoginPage } from './login/login-page';
import { SessionProvider, useSession } from './session/session';
import { useRoute } from './session/use-route';
import { TopBar } from './shell/top-bar';

function Pages() {
  const { session } = useSession();
  const [route, navigate] = useRoute();
  if (!session) return <LoginPage />;
  const home = () => navigate({ page: 'home' });
  return (
    <div className="app">
      <TopBar onHome={home} />
      {route.page === 'home' ? (
        <HomePage onOpen={(key) => navigate({ page: 'editor', key })} />
      ) : (
        <EditorPage key={route.key} templateKey={route.key} />
      )}
    </div>
  );
}

/** The designer SPA: language, session (and API client), then the login page or the signed-in pages. */
export function App() {
  return (
    <I18nProvider>
      <SessionProvider>
        <Pages />
      </SessionProvider>
    </I18nProvider>
  );
}
