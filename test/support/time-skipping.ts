import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { shanghaiDate, shanghaiMidnight } from '../../definitions/time';

/**
 * Moves a time-skipping server's clock to the next Thursday 10:00 in Asia/Shanghai at least a week ahead and returns
 * that instant. The server's clock starts at the real now and only moves forward, so day-spanning tests start there.
 */
export async function skipToNextThursdayMorning(env: TestWorkflowEnvironment): Promise<number> {
  const now = await env.currentTimeMs();
  const today = shanghaiMidnight(shanghaiDate(now));
  const weekday = new Date(today + 8 * 3600_000).getUTCDay(); // 0 = Sunday in Shanghai terms
  const daysAhead = ((4 - weekday + 7) % 7) + 7;
  const target = today + daysAhead * 86_400_000 + 10 * 3600_000;
  await env.sleep(target - now);
  return target;
}
