import { Link } from 'react-router';
import { useI18n } from '../i18n/i18n';

/** An address the app has no page for. */
export function NotFound() {
  const { t } = useI18n();
  return (
    <main className="page-message">
      <p data-testid="not-found">{t('nav.not-found')}</p>
      <Link to="/">{t('nav.home')}</Link>
    </main>
  );
}
