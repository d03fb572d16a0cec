import { isValid, validateDefinition } from '../definitions/validate';
import type { RunnableTemplate } from '../server/templates/built-in';
import { contentHash } from '../server/templates/content-hash';
import sixStep from './six-step.json';

/**
 * The bench's six-step definition, validated: throws listing every issue when it is not valid, so a broken definition
 * stops the bench before anything is measured.
 */
export function loadSixStep(): RunnableTemplate {
  const { definition, issues } = validateDefinition(sixStep);
  if (!definition || !isValid(issues)) {
    const lines = issues.map((found) => `  - [${found.severity}] ${found.code}: ${found.message}`);
    throw new Error(`bench/six-step.json is not a valid definition:\n${lines.join('\n')}`);
  }
  return { definition, template: { key: definition.key, version: 1, contentHash: contentHash(definition) } };
}
