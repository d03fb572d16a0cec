import { render, screen } from '@testing-library/react';
import type { TimelineEntry } from '../../definitions/engine/state';
import { ProcessDefinition } from '../../definitions/schema';
import { compoundMeeting } from '../../test/http/meeting-sign-in-fixture';
import { I18nProvider } from '../src/i18n/i18n';
import { LadderPanel } from '../src/workspaces/cases/ladder-panel';

/** The fixture's meeting on a three-rung ladder (小区 → 社区 → 街道); the tests read only rungs and the timeline. */
const definition = ProcessDefinition.parse({
  ...compoundMeeting(),
  ladder: {
    rungs: [
      {
        id: 'compound',
        name: { zh: '小区', en: 'Compound' },
        level: 'compound',
        nodes: ['meeting'],
        settleWithin: 'P7D',
      },
      {
        id: 'community',
        name: { zh: '社区', en: 'Community' },
        level: 'community',
        nodes: ['end-community'],
        settleWithin: 'P15D',
      },
      {
        id: 'street',
        name: { zh: '街道', en: 'Street' },
        level: 'street',
        nodes: ['end-overdue'],
        settleWithin: 'P15D',
      },
    ],
  },
});

const entry = (seq: number, type: string, data: Record<string, unknown>, actor = 'system'): TimelineEntry => ({
  seq,
  at: `2026-03-0${seq}T10:00:00+08:00`,
  type,
  actor,
  data,
});

describe('the ladder on the case page', () => {
  test('given a case escalated from the compound to the community by the meeting’s decision, then the community rung is highlighted and the escalation’s reason is listed', () => {
    render(
      <I18nProvider language="zh">
        <LadderPanel
          definition={definition}
          timeline={[
            entry(1, 'ladder.entered', { to: 'compound', toIndex: 0 }),
            entry(
              2,
              'ladder.escalated',
              {
                from: 'compound',
                to: 'community',
                fromIndex: 0,
                toIndex: 1,
                cause: 'decision',
                by: 'jisheng-branch',
                reason: '涉及公共维修资金，需社区协调',
              },
              'jisheng-branch',
            ),
            entry(3, 'ladder.rung-overdue', { rung: 'community', index: 1, deadline: '2026-03-03T00:00:00+08:00' }),
          ]}
        />
      </I18nProvider>,
    );

    expect(screen.getByTestId('ladder-rung-community').getAttribute('aria-current')).toBe('step');
    expect(screen.getByTestId('ladder-rung-community').className).toContain('overdue');
    expect(screen.getByTestId('ladder-rung-compound').getAttribute('aria-current')).toBeNull();
    expect(screen.getByTestId('ladder-rung-compound').textContent).toContain('本级时限 7 天');
    expect(screen.getByTestId('ladder-escalations').textContent).toContain(
      '小区 → 社区 决定上报：涉及公共维修资金，需社区协调',
    );
  });

  test('given a template without a ladder, then nothing is drawn', () => {
    const { container } = render(
      <I18nProvider language="zh">
        <LadderPanel definition={ProcessDefinition.parse(compoundMeeting())} timeline={[]} />
      </I18nProvider>,
    );
    expect(container.textContent).toBe('');
  });
});
