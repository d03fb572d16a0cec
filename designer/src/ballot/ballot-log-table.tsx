import './ballot-log-table.css';
import type { BallotView, LogRow } from '../api/ballot-calls';
import { useBallotI18n } from './ballot-i18n';
import { formatInstant } from '../work-items/format';
import { channelKey, choiceKey } from './ballot-text';

/**
 * The ballot log (投票记录公示) as a table: room, area, the choice per matter, channel and time — never a name. Shared
 * by the owners' page and the staff's vote workspace.
 */
export function BallotLogTable({ matters, rows }: { matters: BallotView['box']['matters']; rows: LogRow[] }) {
  const { t, text } = useBallotI18n();
  return (
    <div className="ballot-log-scroll">
      <table className="ballot-log-table" data-testid="ballot-log-table">
        <thead>
          <tr>
            <th>{t('ballot.log.unit')}</th>
            <th>{t('ballot.log.area')}</th>
            {matters.map((matter, index) => (
              <th key={matter.key} title={text(matter.title)}>
                {t('ballot.log.matter', { n: index + 1 })}
              </th>
            ))}
            <th>{t('ballot.log.channel')}</th>
            <th>{t('ballot.log.at')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.unit}>
              <td>{row.unit}</td>
              <td className="number">{row.area}</td>
              {matters.map((matter) => {
                const choice = row.choices[matter.key];
                return <td key={matter.key}>{choice ? t(choiceKey(choice)) : t('ballot.choice.blank')}</td>;
              })}
              <td>{t(channelKey(row.channel))}</td>
              <td>{formatInstant(row.castAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
