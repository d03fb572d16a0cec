import { useId, useState } from 'react';
import { ActRefusal } from '../act-refusal';
import { useI18n } from '../../i18n/i18n';
import { useAct } from '../use-act';

/** One button of an {@link ActionForm}: the action it takes and the input it sends besides the text field. */
export interface ActionChoice {
  action: string;
  label: string;
  input?: Record<string, unknown>;
  testId: string;
  primary?: boolean;
}

/**
 * A small form acting on one work item: an optional text field (a note, a reason) and one button per choice (报到;
 * 异议成立 / 驳回; 验收 / 退回), each sending the field with its own input. The workflow's refusal is shown in place.
 */
export function ActionForm({
  caseId,
  itemId,
  viaWorkItems,
  field,
  choices,
  onDone,
}: {
  caseId: string;
  itemId: string;
  viaWorkItems: boolean;
  field?: { name: string; label: string; required: boolean };
  choices: ActionChoice[];
  onDone?(): void;
}) {
  const { t, errorText } = useI18n();
  const id = useId();
  const [text, setText] = useState('');
  const [refusal, setRefusal] = useState<string>();
  const act = useAct({ caseId, workItemId: itemId, viaWorkItems });

  async function submit(choice: ActionChoice) {
    const value = text.trim();
    if (field?.required && value === '') {
      setRefusal(t('act.required'));
      return;
    }
    setRefusal(undefined);
    try {
      await act.mutateAsync({
        action: choice.action,
        input: { ...choice.input, ...(field && value !== '' && { [field.name]: value }) },
      });
      setText('');
      onDone?.();
    } catch (error) {
      setRefusal(errorText(error));
    }
  }

  return (
    <div className="action-form">
      {field && (
        <div className="field">
          <label htmlFor={id}>
            {field.label}
            {field.required && <span className="required"> *</span>}
          </label>
          <textarea
            id={id}
            rows={2}
            maxLength={2000}
            value={text}
            data-testid={`${choices[0]?.testId ?? 'action'}-text`}
            onChange={(event) => setText(event.target.value)}
          />
        </div>
      )}
      <div className="outcome-buttons">
        {choices.map((choice) => (
          <button
            key={choice.testId}
            type="button"
            className={choice.primary ? 'primary' : ''}
            disabled={act.isPending}
            data-testid={choice.testId}
            onClick={() => void submit(choice)}
          >
            {act.isPending ? t('act.sending') : choice.label}
          </button>
        ))}
      </div>
      <ActRefusal text={refusal} />
    </div>
  );
}
