import { DefinitionBuilder, text } from './definition-builder';

/**
 * A street whistle for tests: start → `whistle` (three district departments, 城管 leading; clocks PT2H to report in,
 * PT48H to report back) → settled | not-settled (escalated) | withdrawn. `overrides` replace config fields.
 */
export function streetWhistle(overrides: Record<string, unknown> = {}): DefinitionBuilder {
  return new DefinitionBuilder()
    .role('street-office', 'street')
    .role('district-supervision', 'district')
    .role('dept-chengguan', 'district')
    .role('dept-zhujian', 'district')
    .role('dept-shichang-jianguan', 'district')
    .start()
    .node({
      id: 'whistle',
      kind: 'whistle',
      title: text('whistle'),
      config: {
        whistleLevel: 'hard',
        summoner: 'street-office',
        supervisor: 'district-supervision',
        departments: [
          { role: 'dept-chengguan', lead: true },
          { role: 'dept-zhujian' },
          { role: 'dept-shichang-jianguan' },
        ],
        reportIn: { within: 'PT2H' },
        reportBack: { within: 'PT48H' },
        objection: { window: 'PT24H', pausesClock: false },
        maxExtensions: 1,
        ...overrides,
      },
    })
    .end('end-settled', 'settled')
    .end('end-escalated', 'escalated')
    .end('end-withdrawn', 'withdrawn')
    .edge('start', 'next', 'whistle')
    .edge('whistle', 'settled', 'end-settled')
    .edge('whistle', 'not-settled', 'end-escalated')
    .edge('whistle', 'withdrawn', 'end-withdrawn');
}
