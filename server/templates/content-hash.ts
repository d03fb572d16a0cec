import { createHash } from 'node:crypto';
import { canonicalJson } from '../../definitions/canonical-json';
import type { ProcessDefinition } from '../../definitions/schema';

/** `sha256:<hex>` of the definition's canonical JSON — recorded with every case (DESIGN §5.5). */
export function contentHash(definition: ProcessDefinition): string {
  return `sha256:${createHash('sha256').update(canonicalJson(definition)).digest('hex')}`;
}
