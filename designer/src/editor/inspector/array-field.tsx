import type { ReactNode } from 'react';
import { z } from 'zod';
import { useI18n } from '../../i18n/i18n';
import { FieldErrors } from './fields/field-errors';
import { useInspector } from './inspector-context';
import { SchemaField, type Path } from './schema-field';
import { initialValue, isRecord } from './zod-introspect';

/** A short title for a list item: its key (outcomes, branches, roles, variables, form fields) or its position. */
function itemTitle(item: unknown, index: number): string {
  return isRecord(item) && typeof item.key === 'string' && item.key ? item.key : `#${index + 1}`;
}

/**
 * A zod array as a list of cards, each edited by SchemaField, with add, remove and reorder (order matters: a
 * gateway takes its first true branch).
 */
export function ArrayField({
  schema,
  value,
  path,
  label,
  onChange,
  renderAdd,
}: {
  schema: z.ZodArray;
  value: readonly unknown[];
  path: Path;
  label: string;
  onChange(value: unknown[]): void;
  /** Replaces the plain "add" button (the form builder offers one per field type). */
  renderAdd?: (add: (item: unknown) => void) => ReactNode;
}) {
  const { t } = useI18n();
  const { readOnly } = useInspector();
  const element = schema.element;
  const add = (item: unknown) => onChange([...value, item]);
  const move = (from: number, to: number) => {
    if (to < 0 || to >= value.length) return;
    const next = [...value];
    const [item] = next.splice(from, 1);
    next.splice(to, 0, item);
    onChange(next);
  };
  return (
    <fieldset className="array-field" data-field={path.join('.')}>
      <legend>{label}</legend>
      <ol className="array-items">
        {value.map((item, index) => (
          <li key={index} className="array-item">
            <div className="array-item-head">
              <strong>{itemTitle(item, index)}</strong>
              {!readOnly && (
                <span className="array-item-actions">
                  <button
                    type="button"
                    className="link-button"
                    aria-label={t('inspector.move-up')}
                    onClick={() => move(index, index - 1)}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="link-button"
                    aria-label={t('inspector.move-down')}
                    onClick={() => move(index, index + 1)}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    className="link-button"
                    aria-label={t('inspector.remove-item', { item: itemTitle(item, index) })}
                    onClick={() => onChange(value.filter((_, position) => position !== index))}
                  >
                    ✕
                  </button>
                </span>
              )}
            </div>
            <SchemaField
              schema={element}
              value={item}
              path={[...path, index]}
              onChange={(next) => onChange(value.map((existing, position) => (position === index ? next : existing)))}
            />
          </li>
        ))}
      </ol>
      {!readOnly &&
        (renderAdd ? (
          renderAdd(add)
        ) : (
          <button
            type="button"
            data-testid={`add-item-${path.join('.')}`}
            onClick={() => add(initialValue(element, value.length))}
          >
            {t('inspector.add', { what: label })}
          </button>
        ))}
      <FieldErrors path={path} />
    </fieldset>
  );
}
