import { useEffect, useState } from 'react';
import type { Issue } from '../../../../definitions/common';
import type { ProcessDefinition } from '../../../../definitions/schema';
import { validateDefinition } from '../../../../definitions/validate';

/** Milliseconds of quiet after an edit before the validator runs (typing stays smooth on large definitions). */
export const VALIDATION_DELAY_MS = 150;

/** The User Timing measure of the latest validation run (only the latest is kept), read by the speed bench. */
export const VALIDATION_MEASURE = 'gongzhi:validate';

/** Runs the validator and records how long it took as {@link VALIDATION_MEASURE}, where User Timing exists. */
function measuredIssues(definition: ProcessDefinition): Issue[] {
  const timing = globalThis.performance;
  const start = timing?.now();
  const issues = validateDefinition(definition).issues;
  if (start !== undefined && typeof timing.measure === 'function' && typeof timing.clearMeasures === 'function') {
    timing.clearMeasures(VALIDATION_MEASURE);
    timing.measure(VALIDATION_MEASURE, { start, end: timing.now() });
  }
  return issues;
}

/**
 * The validator's issues for the definition being edited, recomputed (debounced) after every change with the same
 * `validateDefinition` the server runs at publish. The first result is computed at once.
 */
export function useValidation(definition: ProcessDefinition, delay = VALIDATION_DELAY_MS): Issue[] {
  const [issues, setIssues] = useState<Issue[]>(() => measuredIssues(definition));
  const [validated, setValidated] = useState(definition);
  useEffect(() => {
    if (definition === validated) return;
    const timer = setTimeout(() => {
      setIssues(measuredIssues(definition));
      setValidated(definition);
    }, delay);
    return () => clearTimeout(timer);
  }, [definition, validated, delay]);
  return issues;
}
