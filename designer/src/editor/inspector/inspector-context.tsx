import { createContext, useContext } from 'react';
import type { ProcessDefinition, RoleDeclaration } from '../../../../definitions/schema';
import type { Department, DirectoryRole } from '../../api/schemas';

/** What every generated inspector field may need besides its own value. */
export interface InspectorContextValue {
  /** Prefix of the UI hint keys: the node's kind, or `definition` for the template's own settings. */
  hintScope: string;
  definition: ProcessDefinition;
  readOnly: boolean;
  /** Problems per field path (`config.assignee`): shape errors of an unsaved edit and the validator's issues. */
  errors: ReadonlyMap<string, readonly string[]>;
  directoryRoles: readonly DirectoryRole[];
  departments: readonly Department[];
  /** Declares a directory role in the template (picking one a task needs). */
  declareRole(role: RoleDeclaration): void;
  /** Called by text inputs so that typing in one field makes one undo step. */
  markTyping(pathKey: string): void;
}

export const InspectorContext = createContext<InspectorContextValue | undefined>(undefined);

export function useInspector(): InspectorContextValue {
  const value = useContext(InspectorContext);
  if (!value) throw new Error('useInspector outside InspectorContext');
  return value;
}

/** The key of a field path: object keys and list indices joined with dots. */
export function pathKey(path: readonly (string | number)[]): string {
  return path.join('.');
}

/** The hint key of a path: the scope and the object keys only (list indices dropped). */
export function hintKey(scope: string, path: readonly (string | number)[]): string {
  return [scope, ...path.filter((part): part is string => typeof part === 'string')].join('.');
}
