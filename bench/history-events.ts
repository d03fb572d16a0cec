import { startBenchEnvironment } from './environment';
import { loadSixStep } from './six-step';
import { handWrittenDriver, interpreterDriver, runSixStepCase } from './sections/six-step-drivers';

/** Prints the event types of one finished six-step case per variant (`npx tsx bench/history-events.ts`). */
async function main(): Promise<void> {
  const environment = await startBenchEnvironment((line) => process.stderr.write(`${line}\n`));
  try {
    const runnable = loadSixStep();
    const drivers = [
      interpreterDriver(environment.client, environment.taskQueue, runnable),
      handWrittenDriver(environment.client, environment.taskQueue, `${runnable.template.key}-hand-written`),
    ];
    for (const driver of drivers) {
      const sample = await runSixStepCase(driver);
      const history = await environment.client.workflow.getHandle(sample.caseId).fetchHistory();
      const types = (history.events ?? []).map((event) => String(event.eventType).replace('EVENT_TYPE_', ''));
      process.stdout.write(
        `${driver.name}: ${types.length} events\n${types.map((t, i) => `${i + 1} ${t}`).join('\n')}\n`,
      );
    }
  } finally {
    await environment.stop();
  }
}
void main().then(() => process.exit(0));
