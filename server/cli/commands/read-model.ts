import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { loadConfig, type GongzhiConfig } from '../../config';
import { openDatabase } from '../../db/open-database';
import { rebuildReadModel, type RebuiltCase } from '../../read-model/rebuild';
import { startDevServer, type DevServer } from '../../temporal/dev-server';
import { readEmbeddedState } from '../../temporal/embedded-state';
import { CliError, printJson } from '../output';

/**
 * The Temporal server to read histories from: TEMPORAL_ADDRESS, or the embedded one `npm start` runs, or — when
 * neither runs — the embedded dev server started here on the data dir's sqlite file for the length of the command.
 */
async function connectTemporal(config: GongzhiConfig): Promise<{ client: Client; close: () => Promise<void> }> {
  let devServer: DevServer | undefined;
  let address = config.temporalAddress;
  let namespace = config.temporalNamespace;
  if (!address) {
    const embedded = readEmbeddedState(config.dataDir);
    if (embedded) ({ address, namespace } = embedded);
    else {
      devServer = await startDevServer({ dbFile: path.join(config.dataDir, 'temporal.sqlite'), namespace });
      address = devServer.address;
    }
  }
  const connection = await Connection.connect({ address });
  return {
    client: new Client({ connection, namespace }),
    close: async () => {
      await connection.close();
      await devServer?.stop();
    },
  };
}

function describe(rebuilt: RebuiltCase): string {
  if (rebuilt.source === 'skipped') return `⚠ ${rebuilt.caseId}: 跳过 / skipped — ${rebuilt.reason}\n`;
  const from =
    rebuilt.source === 'projections'
      ? `${rebuilt.requests} 次投影，${rebuilt.runs} 次运行 / ${rebuilt.requests} projections from ${rebuilt.runs} run(s)`
      : '由快照查询重建 / rebuilt from the snapshot Query';
  return `✓ ${rebuilt.caseId}: ${from}\n`;
}

/**
 * `gongzhi read-model rebuild [--case <id>] [--json]`: rebuilds the read model (case list, inboxes, audit timeline)
 * from the case workflows' histories in Temporal. Idempotent: run it on an emptied or a partly lost read model. With
 * the embedded database stop `npm start` first (one process opens it); it then starts the embedded Temporal server
 * itself, and cases from before projections are reported skipped (no worker to answer their snapshot Query).
 */
export async function readModelRebuildCommand(options: { case?: string; json?: boolean }): Promise<void> {
  const config = loadConfig();
  if (!config.databaseUrl && readEmbeddedState(config.dataDir)) {
    throw new CliError(
      'read-model.database-busy',
      `内嵌数据库正被运行中的 npm start 使用（${config.dataDir}）：请先停止它再重建，或设置 DATABASE_URL / ` +
        `the embedded database is in use by a running npm start (${config.dataDir}): stop it before rebuilding, or set DATABASE_URL`,
    );
  }
  const db = await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  try {
    const temporal = await connectTemporal(config);
    try {
      const report = await rebuildReadModel({
        db,
        client: temporal.client,
        ...(options.case !== undefined && { caseId: options.case }),
        ...(!options.json && { onCase: (rebuilt: RebuiltCase) => process.stdout.write(describe(rebuilt)) }),
      });
      if (options.case !== undefined && report.length === 0) {
        throw new CliError(
          'case.not-found',
          `Temporal 中没有案件“${options.case}” / case "${options.case}" not found in Temporal`,
        );
      }
      if (options.json) return printJson({ cases: report });
      const skipped = report.filter((rebuilt) => rebuilt.source === 'skipped').length;
      process.stdout.write(
        `${os.EOL}已重建 ${report.length - skipped} 个案件，跳过 ${skipped} 个 / rebuilt ${report.length - skipped} case(s), skipped ${skipped}\n`,
      );
    } finally {
      await temporal.close();
    }
  } finally {
    await db.close();
  }
}
