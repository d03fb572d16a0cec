import { computeDeadline, DeadlineInputError } from '../../../activities/deadline/compute-deadline';
import { Calendar } from '../../../definitions/duration';
import { CliError, printJson } from '../output';

/** `gongzhi deadline --from <ISO instant> --within <ISO duration> --calendar natural|workdays` */
export function deadlineCommand(options: { from?: string; within?: string; calendar?: string; json?: boolean }): void {
  if (!options.from || !options.within) {
    throw new CliError(
      'cli.usage',
      '用法 / usage: gongzhi deadline --from <ISO 时刻> --within <ISO 时长> [--calendar natural|workdays]',
      2,
    );
  }
  const calendar = Calendar.safeParse(options.calendar ?? 'natural');
  if (!calendar.success)
    throw new CliError(
      'deadline.invalid-calendar',
      `--calendar 须为 natural 或 workdays / --calendar must be natural or workdays`,
      2,
    );
  try {
    const result = computeDeadline({ from: options.from, within: options.within, calendar: calendar.data });
    if (options.json) printJson(result);
    else {
      process.stdout.write(`${result.deadline}\n`);
      if (result.provisional) {
        process.stderr.write(
          '注意：期间跨入尚未公布节假日安排的年份，仅按周末计算 / note: the period reaches a year whose holiday schedule is not published yet; weekends only\n',
        );
      }
    }
  } catch (error) {
    if (error instanceof DeadlineInputError) throw new CliError(error.code, error.message);
    throw error;
  }
}
