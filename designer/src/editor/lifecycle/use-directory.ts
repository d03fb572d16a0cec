import { useEffect, useState } from 'react';
import type { ApiClient } from '../../api/client';
import type { Department, DirectoryRole } from '../../api/schemas';

/**
 * The org directory's roles and departments for the role picker. Loaded once per editor; when the directory is
 * unreachable the picker still offers the template's own roles.
 */
export function useDirectory(api: ApiClient): { roles: DirectoryRole[]; departments: Department[] } {
  const [roles, setRoles] = useState<DirectoryRole[]>([]);
  const [departments, setDepartments] = useState<Department[]>([]);
  useEffect(() => {
    let current = true;
    api
      .directoryRoles()
      .then((answer) => current && setRoles(answer.roles))
      .catch(() => undefined);
    api
      .departments()
      .then((answer) => current && setDepartments(answer.departments))
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [api]);
  return { roles, departments };
}
