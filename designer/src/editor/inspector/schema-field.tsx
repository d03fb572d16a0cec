import { useId, type ReactNode } from 'react';
import { z } from 'zod';
import { useI18n } from '../../i18n/i18n';
import { ArrayField } from './array-field';
import { fieldLabel, valueLabel } from './field-label';
import { BufferedInput } from './fields/buffered-input';
import { CelEditor } from './fields/cel-editor';
import { DepartmentSelect } from './fields/department-select';
import { FieldErrors } from './fields/field-errors';
import { LocalizedTextField } from './fields/localized-text-field';
import { ReferenceSelect } from './fields/reference-select';
import { RolePicker } from './fields/role-picker';
import { FormBuilder } from './form-builder';
import { hintKey, pathKey, useInspector } from './inspector-context';
import { ObjectField } from './object-field';
import { fieldHints } from './ui-hints';
import { UnionField } from './union-field';
import { initialValue, isLocalizedText, isRecord, unwrap } from './zod-introspect';

export type Path = readonly (string | number)[];

export interface SchemaFieldProps {
  schema: z.core.$ZodType;
  value: unknown;
  path: Path;
  onChange(value: unknown): void;
}

/**
 * One field of a form generated from a zod schema: the UI hint for its path if there is one (role picker, CEL
 * editor, …), else an input chosen by the schema's type; nested objects, lists and discriminated unions recurse.
 */
export function SchemaField({ schema, value, path, onChange }: SchemaFieldProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const context = useInspector();
  const id = useId();
  const { inner, optional, defaultValue } = unwrap(schema);
  const hint = fieldHints[hintKey(context.hintScope, path)];
  const name = path.at(-1) ?? '';
  const label = fieldLabel(i18n, name);
  const shown = value === undefined ? defaultValue : value;
  const text = typeof shown === 'string' ? shown : undefined;
  const disabled = context.readOnly;

  if (hint === 'hidden' || inner instanceof z.ZodLiteral) return null;
  const row = (control: ReactNode, labelFor = true) => (
    <div className="field" data-field={pathKey(path)}>
      {labelFor ? <label htmlFor={id}>{label}</label> : <span className="field-label">{label}</span>}
      {control}
      <FieldErrors path={path} />
    </div>
  );

  if (hint === 'role') {
    return row(
      <RolePicker
        value={text}
        optional={optional}
        label={label}
        testId={`input-${pathKey(path)}`}
        onChange={onChange}
      />,
      false,
    );
  }
  if (hint === 'variable' || hint === 'fork') {
    const options =
      hint === 'variable'
        ? context.definition.variables.map((variable) => ({
            value: variable.key,
            label: `${i18n.text(variable.label)} (${variable.key}: ${variable.type})`,
          }))
        : context.definition.nodes
            .filter((node) => node.kind === 'parallel')
            .map((node) => ({ value: node.id, label: `${i18n.text(node.title)} (${node.id})` }));
    return row(
      <ReferenceSelect
        value={text}
        options={options}
        optional={optional}
        label={label}
        disabled={disabled}
        testId={`input-${pathKey(path)}`}
        onChange={onChange}
      />,
      false,
    );
  }
  if (hint === 'cel') {
    return (
      <div className="field">
        <CelEditor value={text ?? ''} label={label} path={path} onChange={onChange} />
        <FieldErrors path={path} />
      </div>
    );
  }
  if (hint === 'departments') {
    const chosen = Array.isArray(shown) ? shown.filter((item) => typeof item === 'string') : [];
    return row(<DepartmentSelect value={chosen} label={label} onChange={onChange} />, false);
  }
  if (hint === 'form-builder' && inner instanceof z.ZodArray) {
    return <FormBuilder schema={inner} value={Array.isArray(shown) ? shown : []} path={path} onChange={onChange} />;
  }

  if (isLocalizedText(inner)) {
    return (
      <LocalizedTextField
        value={isRecord(shown) ? shown : {}}
        label={label}
        path={path}
        placeholders={hint === 'message'}
        onChange={onChange}
      />
    );
  }
  if (inner instanceof z.ZodObject) {
    if (shown === undefined) {
      return (
        <div className="field">
          <button
            type="button"
            disabled={disabled}
            data-testid={`add-${pathKey(path)}`}
            onClick={() => onChange(initialValue(inner))}
          >
            {t('inspector.add', { what: label })}
          </button>
        </div>
      );
    }
    return (
      <ObjectField
        schema={inner}
        value={isRecord(shown) ? shown : {}}
        path={path}
        label={typeof name === 'number' ? undefined : label}
        onChange={onChange}
        onRemove={optional ? () => onChange(undefined) : undefined}
      />
    );
  }
  if (inner instanceof z.ZodDiscriminatedUnion) {
    return <UnionField schema={inner} value={shown} path={path} label={label} onChange={onChange} />;
  }
  if (inner instanceof z.ZodArray) {
    return (
      <ArrayField
        schema={inner}
        value={Array.isArray(shown) ? shown : []}
        path={path}
        label={label}
        onChange={onChange}
      />
    );
  }
  if (inner instanceof z.ZodEnum) {
    const options = inner.options.map(String);
    return row(
      <select
        id={id}
        value={text ?? ''}
        disabled={disabled}
        onChange={(event) => onChange(event.target.value || undefined)}
      >
        {optional && <option value="">{t('inspector.none')}</option>}
        {options.map((option) => (
          <option key={option} value={option}>
            {valueLabel(i18n, option)}
          </option>
        ))}
      </select>,
    );
  }
  if (inner instanceof z.ZodBoolean) {
    return (
      <div className="field checkbox">
        <label>
          <input
            type="checkbox"
            checked={shown === true}
            disabled={disabled}
            onChange={(event) => onChange(event.target.checked)}
          />
          {label}
        </label>
        <FieldErrors path={path} />
      </div>
    );
  }
  if (inner instanceof z.ZodNumber) {
    return row(
      <BufferedInput
        id={id}
        type="number"
        value={typeof shown === 'number' ? String(shown) : ''}
        disabled={disabled}
        onValue={(entered) => {
          context.markTyping(pathKey(path));
          onChange(entered === '' ? (optional ? undefined : 0) : Number(entered));
        }}
      />,
    );
  }
  if (inner instanceof z.ZodString) {
    return row(
      <BufferedInput
        id={id}
        value={text ?? ''}
        disabled={disabled}
        data-testid={`input-${pathKey(path)}`}
        onValue={(entered) => {
          context.markTyping(pathKey(path));
          onChange(optional && entered.trim() === '' ? undefined : entered);
        }}
      />,
    );
  }
  return row(<pre className="code">{JSON.stringify(shown, null, 2)}</pre>, false);
}
