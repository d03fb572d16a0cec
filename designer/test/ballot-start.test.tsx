import { fireEvent, screen } from '@testing-library/react';
import { Component as BallotStart } from '../src/ballot/ballot-start-route';
import { boxId, openBallot, renderAt, token } from './ballot-fixtures';
import { fakeApi } from './fake-api';

const BallotReached = () => <p data-testid="ballot-reached">ballot</p>;
const ReceiptReached = () => <p data-testid="receipt-reached">receipt</p>;
const routes = [
  { path: '/ballot', Component: BallotStart },
  { path: '/ballot/receipt', Component: ReceiptReached },
  { path: '/ballot/:token', Component: BallotReached },
];

describe('where the meeting notice’s QR code leads (/ballot?box=)', () => {
  test('given the link printed on an owner’s letter pasted whole, when they go on, then their own ballot opens', async () => {
    const { client } = fakeApi((request) =>
      request.path === `/api/ballot/${token}` ? { status: 200, body: openBallot() } : undefined,
    );
    renderAt(client, routes, `/ballot?box=${encodeURIComponent(boxId)}`);

    const submit = screen.getByTestId<HTMLButtonElement>('ballot-start-submit');
    expect(submit.disabled).toBe(true);
    fireEvent.change(screen.getByTestId('ballot-start-code'), {
      target: { value: ` https://gongzhi.example/ballot/${token} ` },
    });
    fireEvent.click(submit);

    expect(await screen.findByTestId('ballot-reached')).toBeTruthy();
  });

  test('given an owner who already voted, then the receipt lookup is offered for this box', () => {
    const { client } = fakeApi();
    renderAt(client, routes, `/ballot?box=${encodeURIComponent(boxId)}`);

    expect(screen.getByTestId('ballot-start-receipt').getAttribute('href')).toBe(
      `/ballot/receipt?${new URLSearchParams({ box: boxId })}`,
    );
  });
});
