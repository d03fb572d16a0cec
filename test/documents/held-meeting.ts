import { CaseDriver, CASE_UNIT, member } from '../../definitions/test-support/case-driver';
import { jointMeeting } from '../../definitions/test-support/joint-meeting';

/**
 * A compound joint meeting the pure runtime ran, for the documents' tests: adjourned once because the owners'
 * committee stayed away, then held with three parties signed in, minutes with positions and a resolution with an
 * action item.
 */
const convener = member('party-branch', CASE_UNIT, 'secretary-liu');
const CONVENER = 'meeting.1~convener';
export const at = (day: number, time: string) => `2025-10-${String(day).padStart(2, '0')}T${time}:00+08:00`;
const roleNames: Record<string, string> = {
  'party-branch': '小区党支部',
  'owners-committee': '业主委员会',
  'property-firm': '物业服务企业',
  'residents-committee': '社区居委会',
};

export function heldMeeting(): CaseDriver {
  const definition = jointMeeting().parse();
  definition.roles = definition.roles.map((role) => ({
    ...role,
    name: { zh: roleNames[role.key] ?? role.key, en: role.key },
  }));
  definition.nodes = definition.nodes.map((node) =>
    node.id === 'meeting' ? { ...node, title: { zh: '吉盛小区三方联席会议', en: 'Joint meeting' } } : node,
  );
  const driver = new CaseDriver(definition).start();
  driver.act(
    CONVENER,
    'schedule',
    { at: at(10, '14:00'), place: '小区党群服务站', agenda: '电梯噪音投诉' },
    { actor: convener },
  );
  driver.now = at(10, '13:30');
  driver.act(CONVENER, 'sign-in', { party: 'party-branch', names: ['刘书记'] }, { actor: convener });
  driver.act(CONVENER, 'adjourn', { reason: '业委会未到会' }, { actor: convener });
  driver.act(
    CONVENER,
    'schedule',
    { at: at(12, '09:30'), place: '小区党群服务站', agenda: '电梯噪音投诉（续）' },
    { actor: convener },
  );
  driver.now = at(12, '09:00');
  driver.act(CONVENER, 'sign-in', { party: 'party-branch', names: ['刘书记'] }, { actor: convener });
  driver.act(CONVENER, 'sign-in', { party: 'owners-committee', names: ['陈主任', '王委员'] }, { actor: convener });
  driver.act(CONVENER, 'sign-in', { party: 'property-firm', names: ['赵经理'] }, { actor: convener });
  const three = { 'party-branch': 'agree', 'owners-committee': 'agree', 'property-firm': 'agree' };
  driver.act(
    CONVENER,
    'record-minutes',
    {
      text: '三方就电梯噪音达成一致：物业一周内更换曳引机，业委会监督。',
      resolutions: [
        { title: '更换电梯曳引机', positions: three },
        {
          title: '费用由维修资金列支',
          positions: { ...three, 'property-firm': 'oppose', 'owners-committee': 'reserve' },
        },
      ],
    },
    { actor: convener },
  );
  driver.act(
    CONVENER,
    'resolve',
    { outcome: 'settled', actionItems: [{ description: '更换3号楼电梯曳引机', role: 'property-firm' }] },
    { actor: convener },
  );
  return driver;
}
