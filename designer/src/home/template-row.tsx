import type { TemplateSummary } from '../api/schemas';
import { useI18n } from '../i18n/i18n';
import { derivedFromLabel, isDerivable, templateOrigin } from './template-origin';

/** One template on the home page: name, origin, owner, version and draft state, with open and derive actions. */
export function TemplateRow({
  template,
  canDerive,
  onOpen,
  onDerive,
}: {
  template: TemplateSummary;
  canDerive: boolean;
  onOpen(): void;
  onDerive(): void;
}) {
  const { t, text } = useI18n();
  const origin = templateOrigin(template);
  const from = derivedFromLabel(template);
  return (
    <li className="template-row" data-testid={`template-${template.key}`}>
      <div className="template-main">
        <button type="button" className="link-button template-name" onClick={onOpen} data-testid="template-open">
          {text(template.name)}
        </button>
        <code className="muted">{template.key}</code>
        <span className={`badge origin-${origin}`}>{t(`home.origin.${origin}`)}</span>
        {template.retired && (
          <span className="badge retired" data-testid="template-retired">
            {t('home.retired')}
          </span>
        )}
        {!template.editable && <span className="badge">{t('home.read-only')}</span>}
      </div>
      <div className="template-meta muted">
        {from && <span>{t('home.derived-from', { key: from })}</span>}
        <span>{template.ownerUnit ?? t('home.owner-none')}</span>
        <span>
          {template.latestVersion === null
            ? t('home.unpublished')
            : t('home.version', { version: template.latestVersion })}
        </span>
        {template.hasDraft && <span>{t('home.has-draft')}</span>}
      </div>
      <div className="template-actions">
        {canDerive && isDerivable(template) && (
          <button type="button" onClick={onDerive} data-testid="template-derive">
            {t('home.derive')}
          </button>
        )}
        <button type="button" className="primary" onClick={onOpen}>
          {template.editable ? t('home.edit') : t('home.view')}
        </button>
      </div>
    </li>
  );
}
