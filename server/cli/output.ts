/** Printing helpers for the CLI: people read text, scripts pass --json. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** A refused command: code and message on stderr, and the exit code says it failed. */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    readonly code: string,
    message: string,
    readonly exitCode = 1,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export function parseJsonArgument(flag: string, text: string | undefined): Record<string, unknown> {
  if (text === undefined) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CliError(
      'cli.bad-json',
      `${flag} 不是合法 JSON / ${flag} is not valid JSON: ${(error as Error).message}`,
      2,
    );
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new CliError('cli.bad-json', `${flag} 须为 JSON 对象 / ${flag} must be a JSON object`, 2);
  }
  return value as Record<string, unknown>;
}
