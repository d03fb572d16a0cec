import type { BallotChoices, BallotView } from '../api/ballot-calls';
import { useBallotI18n } from './ballot-i18n';
import { choiceKey } from './ballot-text';

/** The choices of a ballot, one line per matter (the confirm step, an already cast ballot). */
export function BallotChoicesList({
  matters,
  choices,
  testId,
}: {
  /** Each matter's key and title, in the box's order (a receipt's matters carry no class). */
  matters: Pick<BallotView['box']['matters'][number], 'key' | 'title'>[];
  choices: BallotChoices | Record<string, string>;
  testId: string;
}) {
  const { t, text } = useBallotI18n();
  return (
    <ol className="ballot-choices-list" data-testid={testId}>
      {matters.map((matter) => {
        const choice = choices[matter.key];
        return (
          <li key={matter.key}>
            <span>{text(matter.title)}</span>
            <strong className={`ballot-chosen choice-${choice ?? 'none'}`}>
              {choice ? t(choiceKey(choice)) : t('ballot.choice.blank')}
            </strong>
          </li>
        );
      })}
    </ol>
  );
}
