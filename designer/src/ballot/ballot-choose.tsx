import { useState, type FormEvent } from 'react';
import type { BallotChoices, BallotView } from '../api/ballot-calls';
import { useBallotI18n } from './ballot-i18n';
import { ballotChoices, choiceKey } from './ballot-text';
import { MatterHeading } from './matter-heading';

/**
 * The first step of casting: one fieldset per matter with 同意 / 反对 / 弃权 as large radio buttons. Going on needs a
 * choice for every matter (a blank would count as 弃权 — the owner says so explicitly instead).
 */
export function BallotChoose({
  matters,
  choices,
  onChange,
  onNext,
}: {
  matters: BallotView['box']['matters'];
  choices: BallotChoices;
  onChange(next: BallotChoices): void;
  onNext(): void;
}) {
  const { t } = useBallotI18n();
  const [missing, setMissing] = useState<string[]>([]);

  function next(event: FormEvent) {
    event.preventDefault();
    const unanswered = matters.filter((matter) => !choices[matter.key]).map((matter) => matter.key);
    setMissing(unanswered);
    if (unanswered.length === 0) onNext();
  }

  return (
    <form onSubmit={next} className="ballot-form" data-testid="ballot-choose" noValidate>
      {matters.map((matter, index) => (
        <fieldset
          key={matter.key}
          className={`ballot-matter${missing.includes(matter.key) ? ' missing' : ''}`}
          data-testid={`ballot-matter-${matter.key}`}
        >
          <MatterHeading index={index} title={matter.title} item={matter.item} matterClass={matter.class} />
          <div className="ballot-choices">
            {ballotChoices.map((choice) => (
              <label key={choice} className={`ballot-choice choice-${choice}`}>
                <input
                  type="radio"
                  name={`matter-${matter.key}`}
                  value={choice}
                  checked={choices[matter.key] === choice}
                  onChange={() => {
                    onChange({ ...choices, [matter.key]: choice });
                    setMissing((previous) => previous.filter((key) => key !== matter.key));
                  }}
                  data-testid={`choice-${matter.key}-${choice}`}
                />
                <span>{t(choiceKey(choice))}</span>
              </label>
            ))}
          </div>
          {missing.includes(matter.key) && (
            <p className="ballot-missing" role="alert">
              {t('ballot.choose.missing')}
            </p>
          )}
        </fieldset>
      ))}
      <button type="submit" className="primary ballot-big-button" data-testid="ballot-next">
        {t('ballot.choose.next')}
      </button>
    </form>
  );
}
