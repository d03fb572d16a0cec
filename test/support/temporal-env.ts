import type { DevServer } from '../../server/temporal/dev-server';
import { requireTemporalTestServer } from '../../server/temporal/binaries';

/** The namespace of the shared test server. */
export const testNamespace = 'default';

interface GlobalTemporalHandle {
  server: DevServer;
  /** Temp dir holding the server's sqlite file. */
  dir: string;
}

/**
 * The shared server's handle. Kept on `globalThis` because Jest loads globalSetup and globalTeardown as separate
 * module instances that share only the global object.
 */
export const globalTemporal = {
  get handle(): GlobalTemporalHandle | undefined {
    return (globalThis as GlobalWithTemporal).__gongzhiTestTemporal;
  },
  set handle(handle: GlobalTemporalHandle | undefined) {
    (globalThis as GlobalWithTemporal).__gongzhiTestTemporal = handle;
  },
};

type GlobalWithTemporal = typeof globalThis & { __gongzhiTestTemporal?: GlobalTemporalHandle };

/**
 * Address and namespace of the Temporal dev server started once per Jest run by global-setup.ts. Throws when the
 * variables are missing, i.e. the test was run without the project's jest.config.cjs.
 */
export function testTemporalAddress(): { address: string; namespace: string } {
  const address = process.env.GONGZHI_TEST_TEMPORAL_ADDRESS;
  const namespace = process.env.GONGZHI_TEST_TEMPORAL_NAMESPACE;
  if (!address || !namespace) {
    throw new Error(
      '测试用 Temporal 服务器未启动：GONGZHI_TEST_TEMPORAL_ADDRESS/NAMESPACE 未设置，请通过 jest.config.cjs（npm run test:jest）运行。\n' +
        'Test Temporal server not started: GONGZHI_TEST_TEMPORAL_ADDRESS/NAMESPACE are unset; run via jest.config.cjs (npm run test:jest).',
    );
  }
  return { address, namespace };
}

/**
 * Path of the time-skipping test server, for
 * `TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path } } })`, so tests
 * run offline instead of letting the SDK download it. Throws a bilingual error naming the fix when it is missing.
 */
export function timeSkippingServerPath(): string {
  return requireTemporalTestServer();
}
