import type { ProcessDefinition } from '../../../../definitions/schema';

/**
 * The editor's undo/redo stack: whole definitions (they are small, immutable values), so undo can never disagree
 * with what the validator, the canvas and autosave see.
 */
export interface History {
  past: ProcessDefinition[];
  present: ProcessDefinition;
  future: ProcessDefinition[];
  /** Successive edits with the same key (typing into one field) merge into one undo step. */
  lastKey?: string;
}

export type HistoryAction =
  | { type: 'edit'; update: (current: ProcessDefinition) => ProcessDefinition; coalesceKey?: string }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'reset'; definition: ProcessDefinition };

/** How many undo steps are kept. */
export const HISTORY_LIMIT = 200;

export function startHistory(definition: ProcessDefinition): History {
  return { past: [], present: definition, future: [] };
}

/**
 * Applies an edit, undo, redo or reset (a reload from the server clears the stack). An edit is a pure function of
 * the current definition, so two edits dispatched in one event both land.
 */
export function historyReducer(history: History, action: HistoryAction): History {
  switch (action.type) {
    case 'edit': {
      const definition = action.update(history.present);
      if (definition === history.present) return history;
      if (action.coalesceKey !== undefined && action.coalesceKey === history.lastKey) {
        return { ...history, present: definition, future: [] };
      }
      return {
        past: [...history.past, history.present].slice(-HISTORY_LIMIT),
        present: definition,
        future: [],
        lastKey: action.coalesceKey,
      };
    }
    case 'undo': {
      const previous = history.past.at(-1);
      if (!previous) return history;
      return { past: history.past.slice(0, -1), present: previous, future: [history.present, ...history.future] };
    }
    case 'redo': {
      const [next, ...rest] = history.future;
      if (!next) return history;
      return { past: [...history.past, history.present], present: next, future: rest };
    }
    case 'reset':
      return startHistory(action.definition);
  }
}
