import pino from 'pino';

/** JSON logs (pino) on stdout; one logger per process, child loggers per component. */
export function createLogger(level: string) {
  return pino({ level, base: { app: 'gongzhi' } });
}
export type Logger = ReturnType<typeof createLogger>;
