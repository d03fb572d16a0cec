import { Client, Connection } from '@temporalio/client';
import { loadConfig } from '../config';
import { CaseService } from '../cases/case-service';
import { resolveTemporalTarget } from '../temporal/connection';

/** Connects the CLI to the running system (TEMPORAL_ADDRESS, or the server `npm start` embedded) and runs `work`. */
export async function withCaseService<T>(work: (service: CaseService) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const target = resolveTemporalTarget(config);
  const connection = await Connection.connect({ address: target.address });
  try {
    return await work(new CaseService(new Client({ connection, namespace: target.namespace }), config.taskQueue));
  } finally {
    await connection.close();
  }
}
