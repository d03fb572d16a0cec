import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../api/api-context';
import { channelKey } from '../../ballot/ballot-text';
import { useI18n } from '../../i18n/i18n';
import { formatInstant } from '../../work-items/format';

/**
 * Every refused second ballot for a part (issue 12 §3 "Reconciliation"): the part, the attempt (channel, when, by
 * whom — `token` for an electronic one) and the ballot that counts (channel and time).
 */
export function VoteConflicts({ boxId }: { boxId: string }) {
  const api = useApi();
  const { t, errorText } = useI18n();
  const conflicts = useQuery({ queryKey: ['votes', boxId, 'conflicts'], queryFn: () => api.voteConflicts(boxId) });
  if (conflicts.error)
    return (
      <p className="error" role="alert">
        {errorText(conflicts.error)}
      </p>
    );
  if (!conflicts.data) return <p className="muted">{t('common.loading')}</p>;
  const rows = conflicts.data.conflicts;
  return (
    <section data-testid="votes-conflicts">
      <p className="muted">{t('votes.conflicts.explain')}</p>
      {rows.length === 0 ? (
        <p className="muted" data-testid="votes-conflicts-none">
          {t('votes.conflicts.none')}
        </p>
      ) : (
        <table className="case-table" data-testid="votes-conflicts-table">
          <thead>
            <tr>
              <th>{t('ballot.log.unit')}</th>
              <th>{t('votes.conflicts.attempt')}</th>
              <th>{t('votes.conflicts.counted')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={`${row.unit}-${row.attemptedAt}`}>
                <td>{row.unit}</td>
                <td>
                  {t(channelKey(row.attemptedChannel))} · {formatInstant(row.attemptedAt)} ·{' '}
                  {row.attemptedBy === 'token' ? t('votes.conflicts.by-token') : row.attemptedBy}
                </td>
                <td>
                  {t(channelKey(row.firstChannel))} · {formatInstant(row.firstCastAt)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
