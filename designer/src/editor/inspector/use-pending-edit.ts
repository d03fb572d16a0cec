import { useRef, useState } from 'react';
import type { z } from 'zod';
import { pathKey } from './inspector-context';

const noProblems: ReadonlyMap<string, readonly string[]> = new Map();

/** zod's issues keyed by field path, for showing each under its field. */
export function problemsByPath(issues: readonly z.core.$ZodIssue[]): Map<string, string[]> {
  const problems = new Map<string, string[]>();
  for (const found of issues) {
    const key = pathKey(found.path.map((part) => (typeof part === 'symbol' ? String(part) : part)));
    problems.set(key, [...(problems.get(key) ?? []), found.message]);
  }
  return problems;
}

/**
 * Inspector edits go through the schema before they reach the definition: a value that parses is committed (one
 * undo step per field being typed into); one that does not stays here, shown with its problems under the fields,
 * and changes nothing — the definition on the canvas, in autosave and in the simulator is always well-formed.
 * The pending value is dropped as soon as the committed value changes (undo, another selection).
 */
export function usePendingEdit<S extends z.ZodType>(
  value: z.output<S>,
  schema: S,
  commit: (parsed: z.output<S>, coalesceKey?: string) => void,
) {
  const [pending, setPending] = useState<{ base: unknown; candidate: unknown; problems: Map<string, string[]> }>();
  const typing = useRef<string | undefined>(undefined);
  const active = pending && pending.base === value ? pending : undefined;
  return {
    shown: active ? active.candidate : value,
    problems: active?.problems ?? noProblems,
    markTyping(key: string) {
      typing.current = key;
    },
    change(next: unknown) {
      const key = typing.current;
      typing.current = undefined;
      const parsed = schema.safeParse(next);
      if (parsed.success) {
        setPending(undefined);
        commit(parsed.data, key);
      } else {
        setPending({ base: value, candidate: next, problems: problemsByPath(parsed.error.issues) });
      }
    },
  };
}
