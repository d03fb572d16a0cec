import { z } from 'zod';
import { LocalizedText, VariableName } from './common';

/**
 * The case's variable schema: named, typed values that forms write and gateways read.
 * `date` is a calendar date (YYYY-MM-DD, Asia/Shanghai); `datetime` an ISO-8601 instant with offset.
 */
export const VariableType = z.enum(['string', 'number', 'integer', 'boolean', 'date', 'datetime']);
export type VariableType = z.infer<typeof VariableType>;

export const VariableDeclaration = z.object({
  key: VariableName,
  type: VariableType,
  label: LocalizedText,
  required: z.boolean().default(false),
});
export type VariableDeclaration = z.infer<typeof VariableDeclaration>;

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式为 YYYY-MM-DD / dates are YYYY-MM-DD')
  // Date.parse rolls 2025-02-30 over to 2 March: a real date must survive the round trip unchanged.
  .refine((text) => {
    const epochMs = Date.parse(`${text}T00:00:00Z`);
    return !Number.isNaN(epochMs) && new Date(epochMs).toISOString().startsWith(text);
  }, '不是有效日期 / not a real date');
export const isoDateTime = z.iso.datetime({
  offset: true,
  message: '须为带时区的 ISO-8601 时刻 / an ISO-8601 instant with offset',
});

/** The zod schema of one value of a variable type. */
export function valueSchema(type: VariableType): z.ZodType {
  switch (type) {
    case 'string':
      return z.string().max(10000);
    case 'number':
      return z.number().finite();
    case 'integer':
      return z.number().int().refine(Number.isSafeInteger, '整数超出安全范围 / integer out of safe range');
    case 'boolean':
      return z.boolean();
    case 'date':
      return isoDate;
    case 'datetime':
      return isoDateTime;
  }
}

/** The zod schema of a whole variable set: declared keys only, required ones present. */
export function variablesSchema(declarations: readonly VariableDeclaration[]) {
  const shape: Record<string, z.ZodType> = {};
  for (const declaration of declarations) {
    const schema = valueSchema(declaration.type);
    shape[declaration.key] = declaration.required ? schema : schema.optional();
  }
  return z.strictObject(shape);
}
