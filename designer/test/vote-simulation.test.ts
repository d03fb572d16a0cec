import { ownersVote } from '../../definitions/test-support/owners-vote';
import { simulatedActions } from '../src/editor/simulation/simulated-actions';
import { actChecked, jumpClock, nextTimerAt, startSimulation } from '../src/editor/simulation/simulator';

const unit = 'jian/jizhou/xigu/jisheng-sq/jisheng';
const monday = Date.parse('2026-03-02T09:00:00+08:00');
const ORGANISER = 'vote.1~organiser';

describe("simulating an owners' vote", () => {
  test('given an owners vote, when the simulator publishes the notice and jumps the notice period, then the ballot box it cannot open becomes an incident on the case', () => {
    let simulation = startSimulation(ownersVote().parse(), unit, {}, monday);
    const item = simulation.state.workItems[ORGANISER]!;
    const offered = simulatedActions(item, [item], unit);
    expect(offered.map((choice) => choice.action)).toEqual(['publish-notice']);

    const published = actChecked(simulation, ORGANISER, 'publish-notice', offered[0]!.input);
    if ('code' in published) throw new Error(`refused: ${published.code}`);
    simulation = published;
    expect(nextTimerAt(simulation)).toBe(Date.parse('2026-03-17T09:00:00+08:00'));

    simulation = jumpClock(simulation, nextTimerAt(simulation)!);

    expect(Object.values(simulation.state.incidents)).toEqual([
      expect.objectContaining({ status: 'open', errorType: 'SimulatedVote' }),
    ]);
    expect(simulation.state.status).toBe('running');
  });
});
