import { Environment } from '@marcbachmann/cel-js';
import type { VariableDeclaration, VariableType } from './variables';

/**
 * Gateway conditions are CEL (no eval, no I/O, always terminates) over the case variables.
 * Integers are CEL `int` (BigInt at runtime); everything else maps to its natural CEL type.
 */
const celTypes: Record<VariableType, string> = {
  string: 'string',
  number: 'double',
  integer: 'int',
  boolean: 'bool',
  date: 'string',
  datetime: 'string',
};

type CelEnvironment = InstanceType<typeof Environment>;
const environments = new WeakMap<readonly VariableDeclaration[], CelEnvironment>();

function environmentFor(variables: readonly VariableDeclaration[]): CelEnvironment {
  let environment = environments.get(variables);
  if (!environment) {
    environment = new Environment({ limits: { maxAstNodes: 2000, maxDepth: 50 } });
    for (const variable of variables) environment.registerVariable(variable.key, celTypes[variable.type]);
    environments.set(variables, environment);
  }
  return environment;
}

export type ConditionProblem = { code: 'gateway.expression-syntax' | 'gateway.expression-type'; detail: string };

/** Parses and type-checks a condition against the variable schema; it must yield a bool. */
export function checkCondition(
  expression: string,
  variables: readonly VariableDeclaration[],
): ConditionProblem | undefined {
  const result = environmentFor(variables).check(expression);
  if (!result.valid) {
    const name = result.error?.name ?? 'Error';
    const detail = (result.error?.message ?? name).split('\n')[0] ?? name;
    return { code: name === 'ParseError' ? 'gateway.expression-syntax' : 'gateway.expression-type', detail };
  }
  if (result.type !== 'bool') return { code: 'gateway.expression-type', detail: `yields ${result.type}, not bool` };
  return undefined;
}

/** CEL's view of the case variables: integers become BigInt, absent optional values stay absent. */
function celContext(
  variables: readonly VariableDeclaration[],
  values: Record<string, unknown>,
): Record<string, unknown> {
  const context: Record<string, unknown> = {};
  for (const variable of variables) {
    const value = values[variable.key];
    if (value === undefined) continue;
    context[variable.key] = variable.type === 'integer' && typeof value === 'number' ? BigInt(value) : value;
  }
  return context;
}

/**
 * Evaluates a condition. A runtime error (e.g. an optional variable that was never set) is reported, not thrown,
 * so the engine can record it and move on to the next branch.
 */
export function evaluateCondition(
  expression: string,
  variables: readonly VariableDeclaration[],
  values: Record<string, unknown>,
): { value: boolean } | { error: string } {
  try {
    const value = environmentFor(variables).evaluate(expression, celContext(variables, values));
    return typeof value === 'boolean' ? { value } : { error: `condition yielded ${typeof value}, not bool` };
  } catch (error) {
    return { error: error instanceof Error ? (error.message.split('\n')[0] ?? error.name) : String(error) };
  }
}
