import type { LocalizedText } from '../../../definitions/common';
import { useBallotI18n } from './ballot-i18n';
import { itemNumeral } from './ballot-text';

/** A matter's title and the Art. 278 item and class that fix its threshold (一般事项：过半数；特别事项：四分之三以上). */
export function MatterHeading(props: {
  index: number;
  title: LocalizedText;
  item: number | undefined;
  matterClass: 'ordinary' | 'special';
}) {
  return (
    <>
      <legend>
        <MatterTitle index={props.index} title={props.title} />
      </legend>
      <MatterLaw item={props.item} matterClass={props.matterClass} />
    </>
  );
}

/** The matter's number and title. */
export function MatterTitle({ index, title }: { index: number; title: LocalizedText }) {
  const { text } = useBallotI18n();
  return (
    <span className="ballot-matter-title">
      {index + 1}. {text(title)}
    </span>
  );
}

/** Which Art. 278 item the matter is and the threshold its class takes. */
export function MatterLaw({ item, matterClass }: { item: number | undefined; matterClass: 'ordinary' | 'special' }) {
  const { t, language } = useBallotI18n();
  return (
    <p className="ballot-matter-law muted">
      {item !== undefined && `${t('ballot.matter.item', { item: itemNumeral(item, language) })} · `}
      {t(matterClass === 'special' ? 'ballot.matter.special' : 'ballot.matter.ordinary')}
    </p>
  );
}
