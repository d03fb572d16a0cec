import { ServiceError } from '@temporalio/client';
import { isTransientUpdateFailure } from '../server/cases/case-errors';

/** The gRPC error Temporal's frontend answers when the workflow task carrying an Update failed on its own. */
function grpcError(code: number, message: string): Error {
  return Object.assign(new Error(`${code} ${message}`), { code });
}

describe('which Update failures are resent', () => {
  test('given the frontend refused an Update because its workflow task failed, then it is transient', () => {
    const error = new ServiceError('Workflow Update failed', {
      cause: grpcError(
        9,
        'FAILED_PRECONDITION: Unable to perform workflow execution update due to unexpected workflow task failure.',
      ),
    });
    expect(isTransientUpdateFailure(error)).toBe(true);
  });

  test('given any other failed precondition, a refusal by the workflow or a plain error, then it is not', () => {
    expect(isTransientUpdateFailure(new ServiceError('x', { cause: grpcError(9, 'FAILED_PRECONDITION: other') }))).toBe(
      false,
    );
    expect(
      isTransientUpdateFailure(new ServiceError('x', { cause: grpcError(14, 'UNAVAILABLE: workflow task failure') })),
    ).toBe(false);
    expect(isTransientUpdateFailure(new Error('unexpected workflow task failure'))).toBe(false);
  });
});
