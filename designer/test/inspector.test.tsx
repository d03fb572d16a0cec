import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ProcessDefinition } from '../../definitions/schema';
import { ApiProvider } from '../src/api/api-context';
import type { ApiClient } from '../src/api/client';
import { selectNodes } from '../src/editor/document/selection';
import { Inspector } from '../src/editor/inspector/inspector';
import { I18nProvider } from '../src/i18n/i18n';
import { validateDefinition } from '../../definitions/validate';
import { complaintDefinition, fakeApi } from './fake-api';

/**
 * Renders the inspector for one selected node and applies its edits to a definition, as the editor does; returns
 * the latest definition and how many edits reached it.
 */
function renderInspector(client: ApiClient, initial: ProcessDefinition, nodeId: string | undefined) {
  let definition = initial;
  const edits: ProcessDefinition[] = [];
  const update = (edit: (current: ProcessDefinition) => ProcessDefinition) => {
    definition = edit(definition);
    edits.push(definition);
    view.rerender(tree());
  };
  const tree = () => (
    <I18nProvider language="zh">
      <ApiProvider client={client}>
        <Inspector
          definition={definition}
          selection={nodeId ? selectNodes([nodeId]) : selectNodes([])}
          issues={validateDefinition(definition).issues}
          readOnly={false}
          directoryRoles={[
            { key: 'street-official', name: { zh: '街道干部', en: 'Street official' }, levels: ['street'] },
          ]}
          departments={[]}
          update={update}
          select={() => undefined}
        />
      </ApiProvider>
    </I18nProvider>
  );
  const view = render(tree());
  return { current: () => definition, edits };
}

function nodeOf(definition: ProcessDefinition, id: string) {
  return definition.nodes.find((node) => node.id === id);
}

describe('inspector', () => {
  test('given a selected task, when its Chinese title is typed, then the definition gets the new title', () => {
    // given
    const { client } = fakeApi();
    const inspector = renderInspector(client, complaintDefinition(), 'callback');
    // when
    fireEvent.change(screen.getByTestId('input-title.zh'), { target: { value: '电话回访居民' } });
    // then
    expect(nodeOf(inspector.current(), 'callback')?.title.zh).toBe('电话回访居民');
  });

  test.each([
    ['an id with a space', 'input-id', 'call back', '只能用字母、数字、- 和 _'],
    ['an empty title', 'input-title.zh', '', '数值过小'],
  ])(
    'given a selected task, when %s is entered, then the field shows the problem and the definition is unchanged',
    (_case, testId, value, problem) => {
      // given
      const { client } = fakeApi();
      const before = complaintDefinition();
      const inspector = renderInspector(client, before, 'callback');
      // when
      fireEvent.change(screen.getByTestId(testId), { target: { value } });
      // then
      expect(inspector.edits).toHaveLength(0);
      expect(inspector.current()).toBe(before);
      expect(screen.getByRole('alert').textContent).toContain(problem);
    },
  );

  test('given a renamed node, when the id is changed, then the wires into and out of it follow', () => {
    // given
    const { client } = fakeApi();
    const inspector = renderInspector(client, complaintDefinition(), 'callback');
    // when
    fireEvent.change(screen.getByTestId('input-id'), { target: { value: 'follow-up' } });
    // then
    const edges = inspector.current().edges;
    expect(edges.filter((edge) => edge.to === 'follow-up')).toHaveLength(4);
    expect(edges.filter((edge) => edge.from === 'follow-up')).toHaveLength(2);
    expect(edges.some((edge) => edge.from === 'callback' || edge.to === 'callback')).toBe(false);
  });

  test('given the role picker of a task, when a directory role the template lacks is picked, then it is declared and assigned', () => {
    // given
    const { client } = fakeApi();
    const inspector = renderInspector(client, complaintDefinition(), 'callback');
    // when
    fireEvent.change(screen.getByTestId('input-config.assignee'), { target: { value: 'street-official' } });
    // then
    const definition = inspector.current();
    expect(definition.roles.find((role) => role.key === 'street-official')).toEqual({
      key: 'street-official',
      name: { zh: '街道干部', en: 'Street official' },
      level: 'street',
    });
    const node = nodeOf(definition, 'callback');
    expect(node?.kind === 'task' && node.config.assignee).toBe('street-official');
  });

  test('given a task with an SLA, when the duration is switched to working days, then the calendar changes and the deadline preview is asked for', async () => {
    // given
    const { client, requests } = fakeApi();
    const inspector = renderInspector(client, complaintDefinition(), 'property-handles');
    // when
    fireEvent.click(screen.getByTestId('duration-calendar-workdays'));
    fireEvent.change(screen.getByTestId('duration-within'), { target: { value: 'P3D' } });
    // then
    const node = nodeOf(inspector.current(), 'property-handles');
    expect(node?.kind === 'task' && node.config.sla).toMatchObject({ within: 'P3D', calendar: 'workdays' });
    expect(await screen.findByTestId('deadline-preview')).toHaveProperty(
      'textContent',
      '若现在开启：2025年10月12日 00:00 到期',
    );
    expect(
      requests.some((request) => request.path.includes('within=P3D') && request.path.includes('calendar=workdays')),
    ).toBe(true);
  });

  test('given a gateway, when its condition names an undeclared variable, then the CEL editor shows the type error inline', () => {
    // given
    const { client } = fakeApi();
    const definition = complaintDefinition();
    definition.variables.push({ key: 'cost', type: 'number', label: { zh: '费用', en: 'Cost' }, required: false });
    definition.nodes.push({
      id: 'gateway-1',
      kind: 'gateway',
      title: { zh: '费用判断', en: 'Cost check' },
      position: { x: 0, y: 0 },
      config: {
        branches: [{ key: 'big', label: { zh: '大额', en: 'Large' }, condition: 'cost > 1000.0' }],
        defaultLabel: { zh: '其他', en: 'Otherwise' },
      },
    });
    renderInspector(client, definition, 'gateway-1');
    expect(screen.queryByTestId('cel-error')).toBeNull();
    // when
    fireEvent.change(screen.getByTestId('cel-editor'), { target: { value: 'budget > 1000.0' } });
    // then
    expect(screen.getByTestId('cel-error').textContent).toContain('类型错误');
  });

  test('given a task, when a choice field is added with the form builder, then the task form gains it', async () => {
    // given
    const { client } = fakeApi();
    const inspector = renderInspector(client, complaintDefinition(), 'property-handles');
    const before = nodeOf(inspector.current(), 'property-handles');
    const fieldsBefore = before?.kind === 'task' ? before.config.form.length : -1;
    // when
    fireEvent.click(within(screen.getByTestId('form-builder')).getByTestId('form-add-choice'));
    // then
    await waitFor(() => {
      const node = nodeOf(inspector.current(), 'property-handles');
      expect(node?.kind === 'task' && node.config.form.at(-1)).toMatchObject({ type: 'choice', options: [] });
      expect(node?.kind === 'task' && node.config.form.length).toBe(fieldsBefore + 1);
    });
  });
});
