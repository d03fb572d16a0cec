import type { I18n } from '../../i18n/i18n';

/** The label of a schema field (`field.<name>` in the catalogues; the raw name if a new field lacks one). */
export function fieldLabel(i18n: Pick<I18n, 'lookup'>, name: string | number): string {
  return typeof name === 'number' ? `#${name + 1}` : i18n.lookup(`field.${name}`, name);
}

/** The label of an enum value (`value.<value>`), e.g. natural → 自然日. */
export function valueLabel(i18n: Pick<I18n, 'lookup'>, value: string): string {
  return i18n.lookup(`value.${value}`, value);
}
