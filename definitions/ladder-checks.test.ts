import { ladderComplaintInput } from './test-support/ladder-complaint';
import { isValid, validateDefinition } from './validate';

type Input = Parameters<Parameters<typeof ladderComplaintInput>[0] & object>[0];

/**
 * The ladder's static checks: each code with a definition that triggers it (one visible change to the valid
 * four-rung complaint) and where it points.
 */
describe('ladder checks', () => {
  test('given the four-rung complaint with its declared descent, when validated, then there is no issue', () => {
    expect(validateDefinition(ladderComplaintInput()).issues).toEqual([]);
  });

  test.each<[string, string, (definition: Input) => void, Record<string, unknown>]>([
    [
      'two rungs share an id',
      'ladder.duplicate-rung',
      (definition) => {
        definition.ladder.rungs[1]!.id = 'compound';
      },
      { path: ['ladder', 'rungs', 1, 'id'] },
    ],
    [
      'a rung names a node that does not exist',
      'ladder.unknown-node',
      (definition) => {
        definition.ladder.rungs[2]!.nodes.push('street-whistle');
      },
      { path: ['ladder', 'rungs', 2, 'nodes', 1] },
    ],
    [
      'a node is on two rungs',
      'ladder.node-on-two-rungs',
      (definition) => {
        definition.ladder.rungs[1]!.nodes.push('compound-meeting');
      },
      { nodeId: 'compound-meeting', path: ['ladder', 'rungs', 1, 'nodes', 1] },
    ],
    [
      'no node of the street rung can be reached from the start',
      'ladder.rung-unreachable',
      (definition) => {
        for (const edge of definition.edges) if (edge.to === 'street-handles') edge.to = 'district-supervision';
      },
      { path: ['ladder', 'rungs', 2, 'nodes'] },
    ],
    [
      'the top rung (city review) only ever loops back to itself',
      'ladder.top-without-end',
      (definition) => {
        const supervision = definition.nodes.find((node) => node.id === 'district-supervision');
        if (supervision?.kind === 'task')
          supervision.config.outcomes.push({ key: 'to-city', label: { zh: '报市', en: 'To the city' } });
        definition.nodes.push({
          id: 'city-review',
          kind: 'task',
          title: { zh: '市级复核', en: 'City review' },
          config: { assignee: 'supervision', outcomes: [{ key: 'again', label: { zh: '再议', en: 'Again' } }] },
        });
        definition.edges.push(
          { from: 'district-supervision', outcome: 'to-city', to: 'city-review' },
          { from: 'city-review', outcome: 'again', to: 'city-review' },
        );
        definition.ladder.rungs.push({
          id: 'city',
          name: { zh: '市', en: 'City' },
          level: 'city',
          nodes: ['city-review'],
          settleWithin: 'PT24H',
        });
      },
      { path: ['ladder', 'rungs', 4, 'nodes'] },
    ],
    [
      'district supervision hands the matter back to the compound without declaring it',
      'ladder.descent-undeclared',
      (definition) => {
        definition.ladder.descents = [];
      },
      { nodeId: 'district-supervision', edge: { from: 'district-supervision', outcome: 'back-to-compound' } },
    ],
    [
      'a declared descent names an outcome the node does not have',
      'ladder.descent-unknown',
      (definition) => {
        definition.ladder.descents = [
          ...(definition.ladder.descents ?? []),
          { from: 'street-handles', outcome: 'back' },
        ];
      },
      { path: ['ladder', 'descents', 1] },
    ],
    [
      'a rung deadline mixes days and hours',
      'duration.mixed-units',
      (definition) => {
        definition.ladder.rungs[0]!.settleWithin = 'P1DT2H';
      },
      { path: ['ladder', 'rungs', 0, 'settleWithin'] },
    ],
    [
      'a rung notifies an undeclared role',
      'role.unknown',
      (definition) => {
        definition.ladder.rungs[3]!.notify = 'mayor';
      },
      { path: ['ladder', 'rungs', 3, 'notify'] },
    ],
  ])('given %s, when validated, then %s is an error pointing at it', (_what, code, change, where) => {
    const { issues } = validateDefinition(ladderComplaintInput(change));

    expect(issues).toContainEqual(expect.objectContaining({ code, severity: 'error', ...where }));
    expect(isValid(issues)).toBe(false);
    expect(issues.find((found) => found.code === code)?.message).toMatch(/ \/ /);
  });

  test('given a rung acting at a lower org level than the rung below, then ladder.level-descends is a warning only', () => {
    const { issues } = validateDefinition(
      ladderComplaintInput((definition) => {
        definition.ladder.rungs[1]!.level = 'compound';
        definition.ladder.rungs[0]!.level = 'community';
      }),
    );

    expect(issues).toEqual([
      expect.objectContaining({
        code: 'ladder.level-descends',
        severity: 'warning',
        path: ['ladder', 'rungs', 1, 'level'],
      }),
    ]);
    expect(isValid(issues)).toBe(true);
  });
});
