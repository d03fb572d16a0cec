import { useI18n } from '../../../i18n/i18n';
import { pathKey, useInspector } from '../inspector-context';
import { BufferedInput } from './buffered-input';
import { FieldErrors } from './field-errors';

/** A bilingual text (LocalizedText): Chinese and English inputs side by side. */
export function LocalizedTextField({
  value,
  label,
  path,
  placeholders,
  onChange,
}: {
  value: Record<string, unknown>;
  label: string;
  path: readonly (string | number)[];
  /** Message templates: explain the `{{variable}}` placeholders. */
  placeholders?: boolean;
  onChange(value: Record<string, unknown>): void;
}) {
  const { t } = useI18n();
  const { readOnly, markTyping } = useInspector();
  const key = pathKey(path);
  return (
    <fieldset className="localized-text" data-field={key}>
      <legend>{label}</legend>
      {(['zh', 'en'] as const).map((language) => (
        <label key={language} className="inline">
          <span className="muted lang-tag">{language === 'zh' ? '中' : 'EN'}</span>
          <BufferedInput
            value={typeof value[language] === 'string' ? String(value[language]) : ''}
            disabled={readOnly}
            aria-label={`${label} (${language === 'zh' ? t('language.zh') : t('language.en')})`}
            data-testid={`input-${key}.${language}`}
            onValue={(text) => {
              markTyping(`${key}.${language}`);
              onChange({ ...value, [language]: text });
            }}
          />
          <FieldErrors path={[...path, language]} />
        </label>
      ))}
      {placeholders && <p className="muted hint">{t('inspector.message-placeholders')}</p>}
      <FieldErrors path={path} />
    </fieldset>
  );
}
