import { parseArgs } from 'node:util';
import { CaseCommandError } from '../cases/case-errors';
import { ConfigError } from '../config';
import { TemplateError } from '../templates/built-in';
import { caseCancelCommand, caseShowCommand, caseStartCommand, taskCompleteCommand } from './commands/cases';
import { deadlineCommand } from './commands/deadline';
import { demoUsersCommand, directoryImportCommand } from './commands/directory';
import { outboxCommand } from './commands/outbox';
import { readModelRebuildCommand } from './commands/read-model';
import { validateCommand } from './commands/validate';
import { voteRollImportCommand, voteTallyCommand } from './commands/vote';
import { CliError } from './output';

const usage = `gongzhi — 共治流程引擎管理工具 / Gongzhi admin CLI

  gongzhi validate <definition.json>
  gongzhi case start <template|file.json> --org <unit> [--data <json>] [--as <user>] [--id <case id>] [--version <n>]
  gongzhi case show <case id>
  gongzhi case cancel <case id> --reason <text> [--as <user>]
  gongzhi task complete <case id> <task id> --outcome <outcome> --as <user>[:<role>@<unit>] [--data <json>] [--request-id <id>]
  gongzhi deadline --from <ISO instant> --within <ISO duration> [--calendar natural|workdays]
  gongzhi outbox [--case <case id>] [--status pending|delivered|dead]
  gongzhi outbox retry <notification id>
  gongzhi demo-users
  gongzhi directory import <file.json|file.csv>…
  gongzhi read-model rebuild [--case <case id>]
  gongzhi vote roll import --compound <compound path> <roll.csv|roll.json>
  gongzhi vote tally --roll <roll.csv> --ballots <ballots.csv> --matter <1-9|ordinary|special> [--rule civil-code-2021|property-law-2007]

Add --json for machine-readable output. Built-in templates: resident-complaint, maintenance-fund-repair.
Connects to TEMPORAL_ADDRESS, or to the server \`npm start\` runs (found through GONGZHI_DATA_DIR).
`;

const options = {
  org: { type: 'string' },
  data: { type: 'string' },
  as: { type: 'string' },
  id: { type: 'string' },
  version: { type: 'string' },
  outcome: { type: 'string' },
  reason: { type: 'string' },
  'request-id': { type: 'string' },
  from: { type: 'string' },
  within: { type: 'string' },
  calendar: { type: 'string' },
  case: { type: 'string' },
  status: { type: 'string' },
  roll: { type: 'string' },
  ballots: { type: 'string' },
  matter: { type: 'string' },
  rule: { type: 'string' },
  'non-participants': { type: 'string' },
  clause: { type: 'string' },
  compound: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

async function run(argv: string[]): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliError('cli.usage', `${(error as Error).message}\n\n${usage}`, 2);
  }
  const { values, positionals } = parsed;
  const [command, sub, first, second] = positionals;
  if (values.help || command === undefined || command === 'help') return void process.stdout.write(usage);
  if (command === 'validate') return validateCommand(sub, values);
  if (command === 'deadline') return deadlineCommand(values);
  if (command === 'outbox') return outboxCommand(sub, first, values);
  if (command === 'demo-users') return demoUsersCommand();
  if (command === 'directory' && sub === 'import') return directoryImportCommand(positionals.slice(2), values);
  if (command === 'read-model' && sub === 'rebuild') return readModelRebuildCommand(values);
  if (command === 'vote' && sub === 'tally')
    return voteTallyCommand({ ...values, nonParticipants: values['non-participants'] });
  if (command === 'vote' && sub === 'roll' && first === 'import')
    return voteRollImportCommand(positionals.slice(3), values);
  if (command === 'case' && sub === 'start') return caseStartCommand(first, values);
  if (command === 'case' && sub === 'show') return caseShowCommand(first, values);
  if (command === 'case' && sub === 'cancel') return caseCancelCommand(first, values);
  if (command === 'task' && sub === 'complete') return taskCompleteCommand(first, second, values);
  throw new CliError('cli.usage', `未知命令 / unknown command: ${positionals.join(' ')}\n\n${usage}`, 2);
}

/** Known refusals print their code and message and exit non-zero; anything else is a bug and shows its stack. */
function report(error: unknown): number {
  if (error instanceof CliError || error instanceof CaseCommandError || error instanceof TemplateError) {
    process.stderr.write(`✗ ${error.code}: ${error.message}\n`);
    const issues = 'issues' in error ? error.issues : [];
    for (const found of issues)
      process.stderr.write(`  - ${found.code}${found.nodeId ? ` [${found.nodeId}]` : ''}: ${found.message}\n`);
    if (error instanceof CaseCommandError && error.details !== undefined)
      process.stderr.write(`  ${JSON.stringify(error.details)}\n`);
    return error instanceof CliError ? error.exitCode : 1;
  }
  if (error instanceof ConfigError) {
    process.stderr.write(`✗ ${error.message}\n`);
    return 2;
  }
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return 1;
}

run(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) => process.exit(report(error)),
);
