import { z } from 'zod';
import { departmentRoles } from '../../access/actor';
import { useActor } from '../../app/use-actor';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../session/session';
import { OpenWorkList } from '../inbox/open-work-list';

const NamedDepartment = z.object({ name: z.string() });

/**
 * `/department` (部门工作台): the work items addressed to the member's department at its unit, with live countdowns,
 * acted on through each kind's panel (the work-item panel registry) — the whistle issue adds its kind's panel there.
 */
export function Component() {
  const { t } = useI18n();
  const { session } = useSession();
  const { actor } = useActor();
  const roles = departmentRoles(actor);
  const names = (session?.user.memberships ?? []).flatMap((membership) => {
    const department = NamedDepartment.safeParse(membership.department);
    return department.success ? [department.data.name] : [];
  });
  return (
    <main className="workspace department-page" data-testid="department-page">
      <h1>{t('department.title')}</h1>
      <p className="muted" data-testid="department-names">
        {names.join('、')}
      </p>
      <OpenWorkList
        keep={(item) => roles.some((role) => role.role === item.assigneeRole && role.unit === item.assigneeUnit)}
        empty={t('department.empty')}
      />
    </main>
  );
}
