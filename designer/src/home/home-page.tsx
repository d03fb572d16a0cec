import { useCallback, useEffect, useState } from 'react';
import { useApi } from '../api/api-context';
import type { TemplateSummary } from '../api/schemas';
import { useI18n } from '../i18n/i18n';
import { adminUnits, useSession } from '../session/session';
import { CreateDialog } from './create-dialog';
import { DeriveDialog } from './derive-dialog';
import { templateOrigin, type TemplateOrigin } from './template-origin';
import { TemplateRow } from './template-row';

const sections: TemplateOrigin[] = ['own', 'derived', 'builtIn'];

/** The templates the user may see in their scope, grouped by origin; create and derive for district admins. */
export function HomePage({ onOpen }: { onOpen(key: string): void }) {
  const api = useApi();
  const { t, errorText } = useI18n();
  const { session } = useSession();
  const units = adminUnits(session);
  const [templates, setTemplates] = useState<TemplateSummary[]>();
  const [error, setError] = useState<unknown>();
  const [creating, setCreating] = useState(false);
  const [deriving, setDeriving] = useState<TemplateSummary>();

  const load = useCallback(async () => {
    try {
      setTemplates((await api.listTemplates()).templates);
      setError(undefined);
    } catch (caught) {
      setError(caught ?? 'error');
    }
  }, [api]);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <main className="home-page">
      <div className="home-head">
        <h1>{t('home.title')}</h1>
        {units.length > 0 && (
          <button type="button" className="primary" onClick={() => setCreating(true)} data-testid="template-create">
            {t('home.create')}
          </button>
        )}
      </div>
      {error !== undefined && (
        <p className="error" role="alert">
          {errorText(error)}
        </p>
      )}
      {!templates && error === undefined && <p className="muted">{t('common.loading')}</p>}
      {templates && templates.length === 0 && <p className="muted">{t('home.empty')}</p>}
      {templates &&
        sections.map((section) => {
          const inSection = templates.filter((template) => templateOrigin(template) === section);
          if (inSection.length === 0) return null;
          return (
            <section key={section} aria-label={t(`home.section.${section}`)}>
              <h2>{t(`home.section.${section}`)}</h2>
              <ul className="template-list">
                {inSection.map((template) => (
                  <TemplateRow
                    key={template.key}
                    template={template}
                    canDerive={units.length > 0}
                    onOpen={() => onOpen(template.key)}
                    onDerive={() => setDeriving(template)}
                  />
                ))}
              </ul>
            </section>
          );
        })}
      {creating && <CreateDialog units={units} onDone={onOpen} onCancel={() => setCreating(false)} />}
      {deriving && (
        <DeriveDialog template={deriving} units={units} onDone={onOpen} onCancel={() => setDeriving(undefined)} />
      )}
    </main>
  );
}
