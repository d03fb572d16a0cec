import { useId, useState } from 'react';
import { ActRefusal } from './act-refusal';
import { formDataSchema, type FormField } from '../../../definitions/forms';
import { useI18n } from '../i18n/i18n';
import { missingRequired, problemsByField } from './field-problems';
import { FormInput, fieldValue, type FieldInput } from './form-inputs';
import type { WorkItemPanelProps } from './panel-types';
import { useAct } from './use-act';

/**
 * A task's panel: its form (from the task node's `form`) and one button per outcome. The form is checked with the
 * same zod schema the workflow's validator uses before it is sent (messages in the UI language); what the workflow
 * still refuses is shown next to the field it concerns.
 */
export function TaskPanel({ caseId, item, node, viaWorkItems, onDone }: WorkItemPanelProps) {
  const { t, text, errorText } = useI18n();
  const formId = useId();
  const fields: readonly FormField[] = node?.kind === 'task' ? node.config.form : [];
  const [values, setValues] = useState<Record<string, FieldInput | undefined>>({});
  const [problems, setProblems] = useState<Record<string, string[]>>({});
  const [refusal, setRefusal] = useState<string>();
  const act = useAct({ caseId, workItemId: item.id, viaWorkItems });

  async function submit(outcome: string) {
    const data: Record<string, unknown> = {};
    for (const field of fields) {
      const value = fieldValue(field, values[field.key]);
      if (value !== undefined) data[field.key] = value;
    }
    const checked = formDataSchema(fields).safeParse(data);
    if (!checked.success) {
      setProblems({ ...problemsByField(checked.error), ...missingRequired(fields, data, t('act.required')) });
      setRefusal(undefined);
      return;
    }
    setProblems({});
    setRefusal(undefined);
    try {
      await act.mutateAsync({ action: 'complete', input: { outcome, data } });
      setValues({});
      onDone?.();
    } catch (error) {
      const byField = problemsByField(error);
      setProblems(byField);
      setRefusal(errorText(error));
    }
  }

  return (
    <form className="task-panel" data-testid={`panel-${item.id}`} onSubmit={(event) => event.preventDefault()}>
      {fields.map((field) => {
        const id = `${formId}-${field.key}`;
        const fieldProblems = problems[field.key] ?? [];
        return (
          <div className="field" key={field.key}>
            {field.type !== 'attachment' && (
              <label htmlFor={id}>
                {text(field.label)}
                {field.required && <span className="required"> *</span>}
              </label>
            )}
            <FormInput
              field={field}
              id={id}
              caseId={caseId}
              value={values[field.key]}
              invalid={fieldProblems.length > 0}
              onChange={(value) => {
                setValues((current) => ({ ...current, [field.key]: value }));
                setProblems(({ [field.key]: _changed, ...rest }) => rest);
              }}
            />
            {fieldProblems.map((problem) => (
              <p className="field-error" role="alert" key={problem} data-testid={`problem-${field.key}`}>
                {problem}
              </p>
            ))}
          </div>
        );
      })}
      <ActRefusal text={refusal} />
      <div className="outcome-buttons">
        {item.outcomes.map((outcome, index) => (
          <button
            key={outcome.key}
            type="button"
            className={index === 0 ? 'primary' : ''}
            disabled={act.isPending}
            data-testid={`outcome-${outcome.key}`}
            onClick={() => void submit(outcome.key)}
          >
            {act.isPending ? t('act.sending') : text(outcome.label)}
          </button>
        ))}
      </div>
    </form>
  );
}
