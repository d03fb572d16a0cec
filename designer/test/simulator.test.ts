import { completeTask, jumpClock, nextTimerAt, startSimulation } from '../src/editor/simulation/simulator';
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
