import type { GongzhiConfig } from '../config';
import { readEmbeddedState } from './embedded-state';

/** Which Temporal frontend and namespace to talk to. */
export interface TemporalTarget {
  address: string;
  namespace: string;
}

/**
 * The Temporal server for clients and workers: `TEMPORAL_ADDRESS` when set, otherwise the embedded dev server that
 * `npm start` recorded in `<dataDir>/temporal.json`. Throws a bilingual, actionable error when neither exists, instead
 * of letting a client hang on a default address.
 */
export function resolveTemporalTarget(
  config: Pick<GongzhiConfig, 'temporalAddress' | 'temporalNamespace' | 'dataDir'>,
): TemporalTarget {
  if (config.temporalAddress) return { address: config.temporalAddress, namespace: config.temporalNamespace };
  const embedded = readEmbeddedState(config.dataDir);
  if (embedded) return { address: embedded.address, namespace: embedded.namespace };
  throw new Error(
    `没有可用的 Temporal 服务器：请先运行 \`npm start\`（数据目录 ${config.dataDir}），或设置 TEMPORAL_ADDRESS=host:port。\n` +
      `No Temporal server: run \`npm start\` first (data dir ${config.dataDir}) or set TEMPORAL_ADDRESS=host:port.`,
  );
}
