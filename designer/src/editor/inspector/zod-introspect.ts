import { z } from 'zod';

/**
 * Reading zod schemas to generate forms (the inspector is driven by each kind's config schema, DESIGN §3). Only the
 * constructs the definition language uses are understood; anything else is shown read-only as JSON.
 */

/** A plain object value (what a zod object field holds). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The schema under `.optional()` / `.default()` wrappers, and whether the field may be absent. */
export function unwrap(schema: z.core.$ZodType): { inner: z.core.$ZodType; optional: boolean; defaultValue?: unknown } {
  if (schema instanceof z.ZodOptional) {
    const inner = unwrap(schema.unwrap());
    return { ...inner, optional: true };
  }
  if (schema instanceof z.ZodDefault) {
    const inner = unwrap(schema.unwrap());
    return { ...inner, defaultValue: schema.def.defaultValue };
  }
  return { inner: schema, optional: false };
}

/** LocalizedText is drawn as a Chinese and an English input side by side. */
export function isLocalizedText(schema: z.core.$ZodType): schema is z.ZodObject {
  if (!(schema instanceof z.ZodObject)) return false;
  const keys = Object.keys(schema.shape);
  return keys.length === 2 && keys.includes('zh') && keys.includes('en');
}

/** The value a newly added field or list item starts with: defaults where declared, else the simplest valid value. */
export function initialValue(schema: z.core.$ZodType, index = 0): unknown {
  const { inner, optional, defaultValue } = unwrap(schema);
  if (defaultValue !== undefined) return structuredClone(defaultValue);
  if (optional) return undefined;
  if (isLocalizedText(inner)) return { zh: '新项', en: 'New' };
  if (inner instanceof z.ZodObject) {
    const value: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(inner.shape)) {
      const initial =
        key === 'key' || key === 'value' ? `item-${index + 1}` : key === 'within' ? 'P3D' : initialValue(field);
      if (initial !== undefined) value[key] = initial;
    }
    return value;
  }
  if (inner instanceof z.ZodDiscriminatedUnion) {
    const first = inner.options[0];
    return first ? initialValue(first, index) : {};
  }
  if (inner instanceof z.ZodArray) return [];
  if (inner instanceof z.ZodNumber)
    return inner.minValue !== null && Number.isFinite(inner.minValue) ? inner.minValue : 0;
  if (inner instanceof z.ZodBoolean) return false;
  if (inner instanceof z.ZodEnum) return inner.options[0];
  if (inner instanceof z.ZodLiteral) return inner.value;
  return '';
}

/** The option of a discriminated union a value belongs to. */
export function unionOption(
  schema: z.ZodDiscriminatedUnion,
  value: unknown,
): { discriminator: string; option: z.ZodObject | undefined; values: string[] } {
  const discriminator = schema.def.discriminator;
  const options = schema.options.filter((option): option is z.ZodObject => option instanceof z.ZodObject);
  const literalOf = (option: z.ZodObject) => {
    const literal = option.shape[discriminator];
    return literal instanceof z.ZodLiteral ? String(literal.value) : '';
  };
  const current = isRecord(value) ? String(value[discriminator]) : '';
  return {
    discriminator,
    option: options.find((option) => literalOf(option) === current),
    values: options.map(literalOf),
  };
}
