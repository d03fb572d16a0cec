import { useI18n } from '../i18n/i18n';

/** 中文 / English toggle, shown on every page. */
export function LanguageSwitch() {
  const { language, setLanguage, t } = useI18n();
  return (
    <button
      type="button"
      className="link-button"
      data-testid="language-switch"
      aria-label={t('language.switch')}
      onClick={() => setLanguage(language === 'zh' ? 'en' : 'zh')}
    >
      {language === 'zh' ? 'English' : '中文'}
    </button>
  );
}
