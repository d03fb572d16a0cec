import { useI18n } from '../../i18n/i18n';
import { formatDeadline } from '../inspector/fields/format-deadline';
import type { SaveState } from './use-autosave';

/**
 * "另一位管理员已于 … 保存": shown when autosave met a newer revision. Saving stops until the user reloads the
 * draft (their unsaved change is shown as lost rather than silently merged).
 */
export function ConflictBanner({
  state,
  onReload,
}: {
  state: Extract<SaveState, { status: 'conflict' }>;
  onReload(): void;
}) {
  const { t, language } = useI18n();
  const who = state.details?.updatedBy ?? t('conflict.someone');
  const when = state.details?.updatedAt ? formatDeadline(state.details.updatedAt, language, Date.now()) : '';
  return (
    <div className="banner conflict" role="alert" data-testid="conflict-banner">
      <span>{t('conflict.message', { who, when })}</span>
      <button type="button" className="primary" onClick={onReload} data-testid="conflict-reload">
        {t('conflict.reload')}
      </button>
    </div>
  );
}
