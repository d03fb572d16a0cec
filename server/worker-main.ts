/**
 * `npm run worker`: a worker-only process — the case worker and the notification outbox dispatcher, with `/healthz`
 * and `/readyz` on PORT — for a deployment that runs API and workers as separate processes (README "Running API and
 * workers apart"). The same settings as `npm start`; DATABASE_URL and TEMPORAL_ADDRESS are required.
 */
process.env.GONGZHI_PROCESS = 'worker';
void import('./main');
