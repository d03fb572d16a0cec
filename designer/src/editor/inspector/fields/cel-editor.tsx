import { useId } from 'react';
import { checkCondition } from '../../../../../definitions/expressions';
import { useI18n } from '../../../i18n/i18n';
import { pathKey, useInspector } from '../inspector-context';
import { BufferedTextArea } from './buffered-input';

/**
 * A gateway condition in CEL, checked as the user types against the template's variables (the same
 * `checkCondition` the validator and the server use), with the variables listed for reference.
 */
export function CelEditor({
  value,
  label,
  path,
  onChange,
}: {
  value: string;
  label: string;
  path: readonly (string | number)[];
  onChange(value: string): void;
}) {
  const { t, text } = useI18n();
  const { definition, readOnly, markTyping } = useInspector();
  const id = useId();
  const problem = value.trim() === '' ? undefined : checkCondition(value, definition.variables);
  return (
    <div className="cel-editor">
      <label htmlFor={id}>{label}</label>
      <BufferedTextArea
        id={id}
        className={`code ${problem ? 'invalid' : ''}`}
        data-testid="cel-editor"
        spellCheck={false}
        disabled={readOnly}
        value={value}
        aria-invalid={problem ? true : undefined}
        onValue={(next) => {
          markTyping(pathKey(path));
          onChange(next);
        }}
      />
      {problem && (
        <p className="field-errors" role="alert" data-testid="cel-error">
          {t(problem.code === 'gateway.expression-syntax' ? 'cel.syntax' : 'cel.type')}: {problem.detail}
        </p>
      )}
      <p className="muted hint">
        {t('cel.variables')}{' '}
        {definition.variables.length === 0
          ? t('cel.no-variables')
          : definition.variables.map((variable) => (
              <code key={variable.key} title={text(variable.label)} className="chip">
                {variable.key}: {variable.type}
              </code>
            ))}
      </p>
    </div>
  );
}
