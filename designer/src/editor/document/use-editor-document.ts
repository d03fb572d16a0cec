import { useCallback, useReducer } from 'react';
import type { ProcessDefinition } from '../../../../definitions/schema';
import { historyReducer, startHistory } from './history';

/**
 * The definition being edited, with undo/redo. `update` takes a pure function of the current definition, so edits
 * from several components in one event compose instead of overwriting each other.
 */
export function useEditorDocument(initial: ProcessDefinition) {
  const [history, dispatch] = useReducer(historyReducer, initial, startHistory);
  const update = useCallback(
    (edit: (definition: ProcessDefinition) => ProcessDefinition, coalesceKey?: string) =>
      dispatch({ type: 'edit', update: edit, coalesceKey }),
    [],
  );
  const replace = useCallback(
    (definition: ProcessDefinition) => dispatch({ type: 'edit', update: () => definition }),
    [],
  );
  const undo = useCallback(() => dispatch({ type: 'undo' }), []);
  const redo = useCallback(() => dispatch({ type: 'redo' }), []);
  const reset = useCallback((definition: ProcessDefinition) => dispatch({ type: 'reset', definition }), []);
  return {
    definition: history.present,
    canUndo: history.past.length > 0,
    canRedo: history.future.length > 0,
    update,
    replace,
    undo,
    redo,
    reset,
  };
}
