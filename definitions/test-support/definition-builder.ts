import type { LocalizedText } from '../common';
import type { OrgLevel } from '../org';
import { ProcessDefinition, SCHEMA_VERSION, type ProcessDefinitionInput } from '../schema';
import type { VariableType } from '../variables';

/**
 * A small fluent builder of process definitions for tests. `DefinitionBuilder.minimal()` is the smallest valid
 * definition (start → end); tests add exactly the nodes, roles, variables and edges a case needs, so a definition
 * that should be refused differs from its accepted twin by one visible change.
 */
type NodeInput = ProcessDefinitionInput['nodes'][number];
type RoleInput = NonNullable<ProcessDefinitionInput['roles']>[number];
type VariableInput = NonNullable<ProcessDefinitionInput['variables']>[number];
type EdgeInput = ProcessDefinitionInput['edges'][number];
type NodeOfKind<K extends NodeInput['kind']> = Extract<NodeInput, { kind: K }>;
type TaskConfig = NodeOfKind<'task'>['config'];
type JoinConfig = NodeOfKind<'join'>['config'];
type TimerWait = NodeOfKind<'timer'>['config']['wait'];
type GatewayBranchInput = { key: string; condition: string; label?: LocalizedText };

/** A bilingual text whose two halves differ, so tests can tell which language was used. */
export function text(en: string, zh = `${en}（中）`): LocalizedText {
  return { zh, en };
}

/** A task's config with everything optional: outcomes may be given as bare keys. */
export type TaskOptions = Omit<Partial<TaskConfig>, 'outcomes'> & {
  outcomes?: (string | { key: string; label: LocalizedText })[];
};

export class DefinitionBuilder {
  private roles: RoleInput[] = [];
  private variables: VariableInput[] = [];
  private nodes: NodeInput[] = [];
  private edges: EdgeInput[] = [];

  constructor(private readonly key = 'test-process') {}

  /** The smallest valid definition: `start` → `end`. */
  static minimal(): DefinitionBuilder {
    return new DefinitionBuilder().start().end().edge('start', 'next', 'end');
  }

  role(key: string, level: OrgLevel = 'compound'): this {
    this.roles.push({ key, name: text(`role ${key}`), level });
    return this;
  }

  variable(key: string, type: VariableType, required = false): this {
    this.variables.push({ key, type, label: text(`variable ${key}`), required });
    return this;
  }

  node(node: NodeInput): this {
    this.nodes.push(node);
    return this;
  }

  start(id = 'start'): this {
    return this.node({ id, kind: 'start', title: text(`start ${id}`), config: {} });
  }

  end(id = 'end', caseOutcome = 'done'): this {
    return this.node({
      id,
      kind: 'end',
      title: text(`end ${id}`),
      config: { caseOutcome, caseOutcomeLabel: text(`outcome ${caseOutcome}`) },
    });
  }

  /** A task assigned to `clerk` (declare it with `.role('clerk')`) with the single outcome `done` unless told. */
  task(id: string, options: TaskOptions = {}): this {
    const { outcomes = ['done'], assignee = 'clerk', ...rest } = options;
    return this.node({
      id,
      kind: 'task',
      title: text(`task ${id}`),
      config: {
        assignee,
        outcomes: outcomes.map((outcome) =>
          typeof outcome === 'string' ? { key: outcome, label: text(`outcome ${outcome}`) } : outcome,
        ),
        ...rest,
      },
    });
  }

  gateway(id: string, branches: GatewayBranchInput[]): this {
    return this.node({
      id,
      kind: 'gateway',
      title: text(`gateway ${id}`),
      config: {
        branches: branches.map((branch) => ({
          key: branch.key,
          condition: branch.condition,
          label: branch.label ?? text(`branch ${branch.key}`),
        })),
      },
    });
  }

  parallel(id: string, branchKeys: string[]): this {
    return this.node({
      id,
      kind: 'parallel',
      title: text(`fork ${id}`),
      config: { branches: branchKeys.map((key) => ({ key, label: text(`branch ${key}`) })) },
    });
  }

  join(id: string, fork: string, policy: JoinConfig['policy'] = 'all', options: Partial<JoinConfig> = {}): this {
    return this.node({ id, kind: 'join', title: text(`join ${id}`), config: { fork, policy, ...options } });
  }

  timer(id: string, wait: TimerWait): this {
    return this.node({ id, kind: 'timer', title: text(`timer ${id}`), config: { wait } });
  }

  notify(id: string, recipient: string, message: string | LocalizedText = text(`message from ${id}`)): this {
    return this.node({
      id,
      kind: 'notify',
      title: text(`notify ${id}`),
      config: { recipient, message: typeof message === 'string' ? { zh: message, en: message } : message },
    });
  }

  edge(from: string, outcome: string, to: string): this {
    this.edges.push({ from, outcome, to });
    return this;
  }

  /** Removes the edge leaving `from` through `outcome` (every such edge). */
  withoutEdge(from: string, outcome: string): this {
    this.edges = this.edges.filter((edge) => edge.from !== from || edge.outcome !== outcome);
    return this;
  }

  /** Re-targets the edge leaving `from` through `outcome`. */
  rewire(from: string, outcome: string, to: string): this {
    return this.withoutEdge(from, outcome).edge(from, outcome, to);
  }

  /** The definition as JSON input (a fresh deep copy each call, so tests may change it freely). */
  build(): ProcessDefinitionInput {
    return structuredClone({
      schemaVersion: SCHEMA_VERSION,
      key: this.key,
      name: text(`process ${this.key}`),
      roles: this.roles,
      variables: this.variables,
      nodes: this.nodes,
      edges: this.edges,
    });
  }

  /** The definition with defaults applied, as the engine receives it. Throws when the shape is wrong. */
  parse(): ProcessDefinition {
    return ProcessDefinition.parse(this.build());
  }
}

/** A definition with one task `handle` (assignee `clerk`) between start and end: the workhorse of many tests. */
export function singleTask(options: TaskOptions = {}): DefinitionBuilder {
  const builder = new DefinitionBuilder().role('clerk').start().task('handle', options).end();
  builder.edge('start', 'next', 'handle');
  const outcomes = options.outcomes ?? ['done'];
  for (const outcome of outcomes) builder.edge('handle', typeof outcome === 'string' ? outcome : outcome.key, 'end');
  if (options.sla?.onBreach === 'interrupting') builder.edge('handle', 'overdue', 'end');
  return builder;
}
