import { useId } from 'react';
import { Calendar, durationProblem, durationProblemMessage } from '../../../../../definitions/duration';
import { useI18n } from '../../../i18n/i18n';
import { valueLabel } from '../field-label';
import { useInspector, pathKey } from '../inspector-context';
import { BufferedInput } from './buffered-input';
import { DeadlinePreview } from './deadline-preview';
import { FieldErrors } from './field-errors';

/**
 * An ISO-8601 duration with its calendar: natural time or working days (which skip weekends and holidays), the
 * problem with the text if any, and a live preview of the deadline it would give a case opened now.
 */
export function DurationEditor({
  within,
  calendar,
  path,
  onChange,
}: {
  within: string;
  calendar: Calendar;
  path: readonly (string | number)[];
  onChange(value: { within: string; calendar: Calendar }): void;
}) {
  const i18n = useI18n();
  const { t, message } = i18n;
  const { readOnly, markTyping } = useInspector();
  const id = useId();
  const problem = durationProblem(within, calendar);
  return (
    <div className="duration-editor" data-testid="duration-editor">
      <label htmlFor={id}>{t('field.within')}</label>
      <div className="duration-row">
        <BufferedInput
          id={id}
          data-testid="duration-within"
          value={within}
          disabled={readOnly}
          placeholder="P3D / PT24H"
          onValue={(text) => {
            markTyping(pathKey([...path, 'within']));
            onChange({ within: text.trim(), calendar });
          }}
        />
        <div role="radiogroup" aria-label={t('field.calendar')} className="segmented">
          {Calendar.options.map((option) => (
            <label key={option} className={option === calendar ? 'active' : ''}>
              <input
                type="radio"
                name={`${id}-calendar`}
                value={option}
                checked={option === calendar}
                disabled={readOnly}
                data-testid={`duration-calendar-${option}`}
                onChange={() => onChange({ within, calendar: option })}
              />
              {valueLabel(i18n, option)}
            </label>
          ))}
        </div>
      </div>
      <p className="muted hint">{t('duration.help')}</p>
      {problem ? (
        <p className="field-errors">{message(durationProblemMessage[problem](within))}</p>
      ) : (
        <DeadlinePreview within={within} calendar={calendar} />
      )}
      <FieldErrors path={[...path, 'within']} />
    </div>
  );
}
