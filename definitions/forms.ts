import { z } from 'zod';
import { AttachmentRef } from './attachment-ref';
import { Identifier, LocalizedText, VariableName } from './common';
import { isoDate } from './variables';

/** Task form fields: what a person fills in when completing a task. */
const fieldBase = {
  key: Identifier,
  label: LocalizedText,
  required: z.boolean().default(false),
  /** When set, the submitted value is written to this case variable (types must match, see validate.ts). */
  setsVariable: VariableName.optional(),
};

export const ChoiceOption = z.object({ value: Identifier, label: LocalizedText });

export const FormField = z.discriminatedUnion('type', [
  z.object({ ...fieldBase, type: z.literal('text'), maxLength: z.number().int().min(1).max(10000).default(2000) }),
  z.object({
    ...fieldBase,
    type: z.literal('number'),
    integer: z.boolean().default(false),
    min: z.number().finite().optional(),
    max: z.number().finite().optional(),
  }),
  z.object({ ...fieldBase, type: z.literal('choice'), options: z.array(ChoiceOption).max(100) }),
  z.object({ ...fieldBase, type: z.literal('date') }),
  /** A reference to a stored file (minutes, photos, signed agreements); the file itself lives elsewhere. */
  z.object({ ...fieldBase, type: z.literal('attachment') }),
]);
export type FormField = z.infer<typeof FormField>;

/** The variable type a field's value has, for checking `setsVariable`. */
export function fieldValueType(field: FormField): 'string' | 'number' | 'integer' | 'date' {
  if (field.type === 'number') return field.integer ? 'integer' : 'number';
  if (field.type === 'date') return 'date';
  return 'string';
}

function fieldSchema(field: FormField): z.ZodType {
  switch (field.type) {
    case 'text':
      return z
        .string()
        .trim()
        .min(field.required ? 1 : 0)
        .max(field.maxLength);
    case 'number': {
      let schema = z.number().finite();
      if (field.integer) schema = schema.int();
      if (field.min !== undefined) schema = schema.min(field.min);
      if (field.max !== undefined) schema = schema.max(field.max);
      return schema;
    }
    case 'choice': {
      const values = field.options.map((option) => option.value);
      return z
        .string()
        .refine((value) => values.includes(value), `须为以下之一 / must be one of: ${values.join(', ')}`);
    }
    case 'date':
      return isoDate;
    case 'attachment':
      // An uploaded file's reference (the web app's upload field); a text reference (a file name or URL typed by
      // hand, as the CLI and cases before uploads sent) stays accepted.
      return z.union([AttachmentRef, z.string().trim().min(1).max(500)]);
  }
}

const formSchemas = new WeakMap<readonly FormField[], z.ZodType>();

/**
 * The zod schema of a submitted form: declared fields only, required ones present. Built once per form (a task's
 * fields array lives as long as its definition), because the workflow validator asks for it on every completion.
 */
export function formDataSchema(fields: readonly FormField[]): z.ZodType {
  let schema = formSchemas.get(fields);
  if (!schema) {
    schema = buildFormDataSchema(fields);
    formSchemas.set(fields, schema);
  }
  return schema;
}

function buildFormDataSchema(fields: readonly FormField[]) {
  const shape: Record<string, z.ZodType> = {};
  for (const field of fields) shape[field.key] = field.required ? fieldSchema(field) : fieldSchema(field).optional();
  return z.strictObject(shape);
}
