import { ProcessDefinition } from '../../definitions/schema';
import { builtInTemplates } from '../../definitions/templates';
import { simulatedActions } from '../src/editor/simulation/simulated-actions';
import {
  actChecked,
  completeTask,
  jumpClock,
  nextTimerAt,
  startSimulation,
  type Simulation,
} from '../src/editor/simulation/simulator';
import { simulationHighlights } from '../src/editor/simulation/simulation-decorations';
import { complaintDefinition } from './fake-api';

const unit = 'jian/jizhou/xigu/jisheng-sq/jisheng';
const monday = Date.parse('2026-03-02T09:00:00+08:00');

describe('in-browser simulation (the pure engine, no server)', () => {
  test('given a complaint, when the property manager resolves it and the resident is satisfied, then the case completes along that path', () => {
    // given
    let simulation = startSimulation(complaintDefinition(), unit, { summary: '电梯停运' }, monday);
    const first = Object.values(simulation.state.workItems)[0]!;
    expect(first.nodeId).toBe('property-handles');
    // when
    simulation = completeTask(simulation, first.id, 'resolved');
    const callback = Object.values(simulation.state.workItems)[0]!;
    simulation = completeTask(simulation, callback.id, 'satisfied');
    // then
    expect(simulation.state.status).toBe('completed');
    expect(simulation.state.outcome?.key).toBe('resolved');
    expect(simulation.notes.some((note) => note.kind === 'notification')).toBe(true);
    const { nodeHighlights, edgeHighlights } = simulationHighlights(simulation);
    expect(nodeHighlights.get('callback')).toBe('visited');
    expect(edgeHighlights.get('property-handles::resolved')).toBe('visited');
    expect(nodeHighlights.has('compound-meeting')).toBe(false);
  });

  test('given an open task with an interrupting SLA, when the clock jumps past its deadline, then the SLA fires and the case moves on through overdue', () => {
    // given
    let simulation = startSimulation(complaintDefinition(), unit, { summary: '电梯停运' }, monday);
    const task = Object.values(simulation.state.workItems)[0]!;
    expect(task.deadline).toBeDefined();
    const due = nextTimerAt(simulation)!;
    // when
    simulation = jumpClock(simulation, Date.parse(task.deadline!) + 1000);
    // then
    expect(due).toBeLessThanOrEqual(Date.parse(task.deadline!));
    expect(simulation.timeline.map((entry) => entry.type)).toContain('sla.breached');
    expect(Object.values(simulation.state.workItems).map((open) => open.nodeId)).toEqual(['compound-meeting']);
  });
});

describe('simulating a street whistle (a kind with its own actions)', () => {
  const street = 'jian/jizhou/xigu';
  const start = () =>
    startSimulation(ProcessDefinition.parse(builtInTemplates['street-whistle']), street, { summary: '占道' }, monday);
  /** Takes the simulator's button for `action` on `itemId`, failing on a refusal. */
  function press(simulation: Simulation, itemId: string, action: string, variant?: string): Simulation {
    const item = simulation.state.workItems[itemId]!;
    const choice = simulatedActions(item, Object.values(simulation.state.workItems), street).find(
      (candidate) => candidate.action === action && candidate.variant === variant,
    );
    if (!choice) throw new Error(`no simulated ${action} on ${itemId}`);
    const next = actChecked(simulation, itemId, choice.action, choice.input);
    if ('code' in next) throw new Error(`${action} refused: ${next.code}`);
    return next;
  }

  test('given the office item, when the simulator summons, reports in and back, accepts, closes and calls back, then the case is settled', () => {
    let simulation = start();
    simulation = press(simulation, 'whistle.1~office', 'summon');
    const department = Object.keys(simulation.state.workItems).find((id) => id !== 'whistle.1~office')!;
    expect(department).toBe('whistle.1~dept-chengguan');
    simulation = press(simulation, department, 'report-in');
    simulation = press(simulation, department, 'report-back');
    simulation = press(simulation, department, 'accept');
    simulation = press(simulation, 'whistle.1~office', 'close', 'settled');
    simulation = press(simulation, 'whistle.1~office', 'record-callback');

    expect(simulation.state.status).toBe('completed');
    expect(simulation.state.outcome?.key).toBe('settled');
  });

  test('given a department still handling, when the simulator closes the whistle, then the kind refuses it as the workflow would', () => {
    let simulation = start();
    simulation = press(simulation, 'whistle.1~office', 'summon');
    const office = simulation.state.workItems['whistle.1~office']!;
    const close = simulatedActions(office, Object.values(simulation.state.workItems), street).find(
      (choice) => choice.action === 'close',
    )!;

    const refused = actChecked(simulation, office.id, close.action, close.input);

    expect('code' in refused && refused.code).toBe('whistle.departments-pending');
  });

  test('given a lead and a co-handler (首接负责), when the simulator files an interim report and reports back, then the lead accepts the co-handler before summing up', () => {
    let simulation = start();
    simulation = press(simulation, 'whistle.1~office', 'summon');
    simulation = press(simulation, 'whistle.1~office', 'summon');
    const [lead, coHandler] = Object.keys(simulation.state.workItems).filter((id) => id !== 'whistle.1~office');
    for (const id of [lead!, coHandler!]) simulation = press(simulation, id, 'report-in');
    simulation = press(simulation, coHandler!, 'interim-report');
    simulation = press(simulation, coHandler!, 'report-back');
    expect(simulation.state.workItems[coHandler!]?.payload.reviewer).toEqual({ part: 'lead', itemId: lead });

    simulation = press(simulation, coHandler!, 'accept');
    simulation = press(simulation, lead!, 'report-back');
    simulation = press(simulation, lead!, 'accept');
    simulation = press(simulation, 'whistle.1~office', 'close', 'settled');

    expect(simulation.state.workItems['whistle.1~office']?.stage).toBe('callback');
  });
});
