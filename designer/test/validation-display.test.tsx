import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { ProcessDefinition } from '../../definitions/schema';
import { complaintDefinition, fakeApi } from './fake-api';
import { renderWorkspace } from './render-workspace';

function withUnknownAssignee(): ProcessDefinition {
  const definition = complaintDefinition();
  return {
    ...definition,
    nodes: definition.nodes.map((node) =>
      node.id === 'property-handles' && node.kind === 'task'
        ? { ...node, config: { ...node.config, assignee: 'nobody' } }
        : node,
    ),
  };
}

describe('validation display', () => {
  test('given a definition whose task names an undeclared role, when the editor opens, then the panel lists the issue with its code and the node shows a badge', async () => {
    // given
    const { client } = fakeApi();
    // when
    renderWorkspace(client, withUnknownAssignee());
    // then
    const issues = await screen.findAllByTestId('validation-issue');
    expect(issues.map((issue) => issue.getAttribute('data-code'))).toEqual(['role.unknown']);
    expect(issues[0]!.textContent).toContain('角色“nobody”未在流程中声明');
    expect(within(screen.getByTestId('node-property-handles')).getByTestId('node-issue-badge').textContent).toBe('1');
    expect(within(screen.getByTestId('node-callback')).queryByTestId('node-issue-badge')).toBeNull();
    expect(screen.getByTestId('validation-count').textContent).toBe('1 个错误');
  });

  test('given an issue in the panel, when it is clicked, then its node is selected and its inspector shows the field problem', async () => {
    // given
    const { client } = fakeApi();
    renderWorkspace(client, withUnknownAssignee());
    const [issue] = await screen.findAllByTestId('validation-issue');
    // when
    fireEvent.click(issue!);
    // then
    const inspector = await screen.findByTestId('node-inspector');
    expect(within(inspector).getByTestId<HTMLInputElement>('input-id').value).toBe('property-handles');
    expect(within(inspector).getByTestId('field-error-config.assignee').textContent).toContain('nobody');
    expect(screen.getByTestId('node-property-handles').className).toContain('selected');
  });

  test.each([
    ['an error', true, withUnknownAssignee()],
    ['no error', false, complaintDefinition()],
  ])(
    'given a draft with %s, when the editor shows it, then publish is disabled: %s',
    async (_case, disabled, definition) => {
      // given
      const { client } = fakeApi();
      // when
      renderWorkspace(client, definition);
      // then
      await waitFor(() => expect(screen.getByTestId<HTMLButtonElement>('publish').disabled).toBe(disabled));
    },
  );

  test('given a valid draft, when a node is deleted with the Delete key, then the outcomes left unwired are reported live', async () => {
    // given
    const { client } = fakeApi();
    renderWorkspace(client, complaintDefinition());
    expect(screen.getByTestId('validation-count').textContent).toBe('没有错误');
    // when: select the callback node and delete it with the keyboard
    fireEvent.click(screen.getByTestId('node-callback'));
    fireEvent.keyDown(screen.getByTestId('node-callback'), { key: 'Delete' });
    // then
    await waitFor(() =>
      expect(screen.getAllByTestId('validation-issue').map((issue) => issue.getAttribute('data-code'))).toContain(
        'outcome.unwired',
      ),
    );
    expect(screen.queryByTestId('node-callback')).toBeNull();
  });
});
