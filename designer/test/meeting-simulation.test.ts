import { jointMeeting } from '../../definitions/test-support/joint-meeting';
import { simulatedActions } from '../src/editor/simulation/simulated-actions';
import {
  actChecked,
  jumpClock,
  nextTimerAt,
  startSimulation,
  type Simulation,
} from '../src/editor/simulation/simulator';

const unit = 'jian/jizhou/xigu/jisheng-sq/jisheng';
const monday = Date.parse('2026-03-02T09:10:00+08:00');
const CONVENER = 'meeting.1~convener';

/** Takes the simulator's button for `action` (and `variant`) on `itemId`; answers the refusal code when refused. */
function press(simulation: Simulation, itemId: string, action: string, variant?: string): Simulation | string {
  const item = simulation.state.workItems[itemId]!;
  const node = simulation.context.graph.nodes.get(item.nodeId);
  const choice = simulatedActions(item, Object.values(simulation.state.workItems), unit, {
    node,
    now: simulation.now,
  }).find((candidate) => candidate.action === action && candidate.variant === variant);
  if (!choice) throw new Error(`no simulated ${action} ${variant ?? ''} on ${itemId}`);
  const next = actChecked(simulation, itemId, choice.action, choice.input);
  return 'code' in next ? next.code : next;
}

function pressed(simulation: Simulation, itemId: string, action: string, variant?: string): Simulation {
  const next = press(simulation, itemId, action, variant);
  if (typeof next === 'string') throw new Error(`${action} refused: ${next}`);
  return next;
}

describe('simulating a joint meeting', () => {
  test('given a joint meeting, when the simulator schedules, jumps to the meeting, signs the parties in, records minutes and resolves with an action item that is missed, then the case escalates', () => {
    let simulation = startSimulation(jointMeeting().parse(), unit, {}, monday);
    simulation = pressed(simulation, CONVENER, 'schedule');
    const at = String(simulation.state.workItems[CONVENER]!.payload.at);
    expect(at).toBe('2026-03-03T10:00:00+08:00');
    expect(press(simulation, CONVENER, 'sign-in', 'owners-committee')).toBe('meeting.sign-in-too-early');

    simulation = jumpClock(simulation, Date.parse(at));
    for (const role of ['party-branch', 'owners-committee', 'property-firm']) {
      simulation = pressed(simulation, CONVENER, 'sign-in', role);
    }
    simulation = pressed(simulation, CONVENER, 'record-minutes');
    const buttons = simulatedActions(simulation.state.workItems[CONVENER]!, [], unit, {
      node: simulation.context.graph.nodes.get('meeting'),
      now: simulation.now,
    });
    expect(buttons.filter((button) => button.action === 'resolve').map((button) => button.text?.zh)).toEqual([
      '会议解决',
      '提交社区',
      undefined,
    ]);
    simulation = pressed(simulation, CONVENER, 'resolve', 'settled-with-item');
    expect(simulation.state.workItems['meeting.1~action-1']?.assigneeRole).toBe('party-branch');

    simulation = jumpClock(simulation, nextTimerAt(simulation)!);
    simulation = jumpClock(simulation, nextTimerAt(simulation)!);

    expect(simulation.state.outcome?.key).toBe('action-item-overdue');
  });

  test('given a required party missing, when the simulator resolves, then the kind refuses it as the workflow would, and adjourning is offered', () => {
    let simulation = startSimulation(jointMeeting().parse(), unit, {}, monday);
    simulation = pressed(simulation, CONVENER, 'schedule');
    simulation = jumpClock(simulation, Date.parse(String(simulation.state.workItems[CONVENER]!.payload.at)));
    simulation = pressed(simulation, CONVENER, 'sign-in', 'party-branch');

    expect(press(simulation, CONVENER, 'record-minutes')).toBe('meeting.quorum-not-met');
    simulation = pressed(simulation, CONVENER, 'adjourn');
    expect(simulation.state.workItems[CONVENER]?.stage).toBe('scheduling');
  });
});
