import { useSearchParams } from 'react-router';
import { useI18n } from '../../i18n/i18n';
import { DoneList } from './done-list';
import { OpenWorkList } from './open-work-list';
import { StartedByMe } from './started-by-me';

const tabs = ['todo', 'done', 'mine'] as const;
type Tab = (typeof tabs)[number];

/**
 * `/inbox` (我的待办): every open work item addressed to a role the person holds, overdue first then by deadline,
 * acted on right there; what they completed (已办); and the cases they started (我发起的). The tab is kept in the
 * address (`?tab=done`, `?tab=mine`).
 */
export function Component() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab: Tab = tabs.find((name) => name === params.get('tab')) ?? 'todo';
  return (
    <main className="workspace inbox-page" data-testid="inbox-page">
      <h1>{t('inbox.title')}</h1>
      <div className="tabs" role="tablist">
        {tabs.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={tab === name}
            data-testid={`tab-${name}`}
            onClick={() => setParams(name === 'todo' ? {} : { tab: name })}
          >
            {t(`inbox.tab.${name}`)}
          </button>
        ))}
      </div>
      {tab === 'todo' && <OpenWorkList />}
      {tab === 'done' && <DoneList />}
      {tab === 'mine' && <StartedByMe />}
    </main>
  );
}
