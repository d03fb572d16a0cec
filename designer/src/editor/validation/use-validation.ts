import { useEffect, useState } from 'react';
import type { Issue } from '../../../../definitions/common';
import type { ProcessDefinition } from '../../../../definitions/schema';
import { validateDefinition } from '../../../../definitions/validate';

/** Milliseconds of quiet after an edit before the validator runs (typing stays smooth on large definitions). */
export const VALIDATION_DELAY_MS = 150;

/**
 * The validator's issues for the definition being edited, recomputed (debounced) after every change with the same
 * `validateDefinition` the server runs at publish. The first result is computed at once.
 */
export function useValidation(definition: ProcessDefinition, delay = VALIDATION_DELAY_MS): Issue[] {
  const [issues, setIssues] = useState<Issue[]>(() => validateDefinition(definition).issues);
  const [validated, setValidated] = useState(definition);
  useEffect(() => {
    if (definition === validated) return;
    const timer = setTimeout(() => {
      setIssues(validateDefinition(definition).issues);
      setValidated(definition);
    }, delay);
    return () => clearTimeout(timer);
  }, [definition, validated, delay]);
  return issues;
}
