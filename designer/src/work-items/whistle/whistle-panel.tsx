import { useI18n } from '../../i18n/i18n';
import { departmentName } from '../../workspaces/cases/timeline-text';
import type { WorkItemPanelProps } from '../panel-types';
import { ActionForm } from './action-form';
import { DepartmentPanel, markKey } from './department-panel';
import { OfficePanel } from './office-panel';
import { partOf, SupervisionPayload } from './whistle-items';

/** District supervision's panel (区级督办): which department missed which clock, and concluding the supervision. */
function SupervisionPanel({ caseId, item, viaWorkItems, onDone }: WorkItemPanelProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const payload = SupervisionPayload.parse(item.payload);
  const department = departmentName(i18n, undefined, payload.departmentItemId) || payload.departmentItemId;
  return (
    <div className="whistle-panel" data-testid={`panel-${item.id}`}>
      <p className="badge danger">{t('whistle.supervise', { department, breach: t(markKey(payload.breach)) })}</p>
      <ActionForm
        caseId={caseId}
        itemId={item.id}
        viaWorkItems={viaWorkItems}
        field={{ name: 'note', label: t('whistle.note'), required: true }}
        choices={[
          {
            action: 'conclude-supervision',
            label: t('whistle.conclude-supervision'),
            testId: 'supervision-conclude',
            primary: true,
          },
        ]}
        onDone={onDone}
      />
    </div>
  );
}

/** A whistle work item's panel, by the side of the whistle it belongs to: the office, a department, or supervision. */
export function WhistlePanel(props: WorkItemPanelProps) {
  const part = partOf(props.item);
  if (part === 'office') return <OfficePanel {...props} />;
  if (part === 'supervision') return <SupervisionPanel {...props} />;
  return <DepartmentPanel {...props} />;
}
