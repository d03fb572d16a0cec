import { z } from 'zod';

/**
 * Building blocks shared by every part of the process definition language.
 * Every person-facing text is bilingual: Chinese is the working language, English sits beside it.
 */
export const LocalizedText = z.object({
  zh: z.string().trim().min(1).max(200),
  en: z.string().trim().min(1).max(200),
});
export type LocalizedText = z.infer<typeof LocalizedText>;

/** Ids of nodes, outcomes, roles and form fields: letters, digits, `-` and `_` (no dots, slashes or spaces). */
export const Identifier = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, '只能用字母、数字、- 和 _ / letters, digits, - and _ only');

/** Case variable names are also CEL identifiers, so gateways can read them directly. */
export const VariableName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, '变量名须为字母开头的标识符 / a variable name must be an identifier');

export const Position = z.object({ x: z.number().finite(), y: z.number().finite() });

/** A named way out of a node: what a person picks at a task, or what a gateway branch is called. */
export const OutcomeDeclaration = z.object({ key: Identifier, label: LocalizedText });
export type OutcomeDeclaration = z.infer<typeof OutcomeDeclaration>;

/**
 * A problem found in a definition or a request. `code` is stable (tests, the designer and the API key on it);
 * `message` is for people: Chinese first, then ` / ` and English.
 */
export const Issue = z.object({
  code: z.string(),
  severity: z.enum(['error', 'warning']),
  message: z.string(),
  nodeId: z.string().optional(),
  edge: z.object({ from: z.string(), outcome: z.string() }).optional(),
  path: z.array(z.union([z.string(), z.number()])).optional(),
});
export type Issue = z.infer<typeof Issue>;

/** Builds an error-severity issue. */
export function issue(code: string, message: string, where: Omit<Issue, 'code' | 'severity' | 'message'> = {}): Issue {
  return { code, severity: 'error', message, ...where };
}
