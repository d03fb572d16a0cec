import type { LocalizedText } from '../../../definitions/common';
import { useI18n } from '../i18n/i18n';
import { itemNumeral } from './ballot-text';

/** A matter's title and the Art. 278 item and class that fix its threshold (一般事项：过半数；特别事项：四分之三以上). */
export function MatterHeading({
  index,
  title,
  item,
  matterClass,
}: {
  index: number;
  title: LocalizedText;
  item: number | undefined;
  matterClass: 'ordinary' | 'special';
}) {
  const { t, text, language } = useI18n();
  return (
    <>
      <span className="ballot-matter-title">
        {index + 1}. {text(title)}
      </span>
      <span className="ballot-matter-law muted">
        {item !== undefined && `${t('ballot.matter.item', { item: itemNumeral(item, language) })} · `}
        {t(matterClass === 'special' ? 'ballot.matter.special' : 'ballot.matter.ordinary')}
      </span>
    </>
  );
}
