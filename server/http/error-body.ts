import { z } from 'zod';

/** The body of every error response: a stable code, a message (Chinese / English) and optional details. */
export const ErrorBody = z.object({
  code: z.string().describe('稳定的错误码 / stable error code, e.g. template.draft-conflict'),
  message: z.string().describe('中文在前，英文在后 / Chinese first, English beside'),
  details: z.unknown().optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
