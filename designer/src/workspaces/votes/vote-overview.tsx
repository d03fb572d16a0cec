import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useApi } from '../../api/api-context';
import type { BoxOverview } from '../../api/ballot-calls';
import { itemNumeral } from '../../ballot/ballot-text';
import { useI18n } from '../../i18n/i18n';
import { votePath } from './box-id';
import { VoteDocuments } from './vote-documents';
import { centiSquareMetres, percentText } from './share';

/**
 * The box at a glance: turnout by parts and by area (exact figures, the percentage only for reading — the count's
 * own tests are the tally's), ballots by channel, tokens, second entries waiting, mismatches and conflicts, the
 * matters; and, for those who run the vote, whether paper ballots need a second entry.
 */
export function VoteOverview({ overview, manages }: { overview: BoxOverview; manages: boolean }) {
  const { t, text, language, errorText } = useI18n();
  const api = useApi();
  const queryClient = useQueryClient();
  const boxId = overview.box.boxId;
  const settings = useMutation({
    mutationFn: (requireSecondEntry: boolean) => api.voteSettings(boxId, { requireSecondEntry }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['votes', boxId] }),
  });
  const { parts, area, byChannel, tokens } = overview;
  return (
    <div className="votes-overview" data-testid="votes-overview">
      <div className="votes-figures">
        <Figure
          label={t('votes.turnout.parts')}
          value={`${parts.voted} / ${parts.total}`}
          share={percentText(BigInt(parts.voted), BigInt(parts.total))}
          testId="votes-turnout-parts"
        />
        <Figure
          label={t('votes.turnout.area')}
          value={`${area.voted} / ${area.total} m²`}
          share={percentText(centiSquareMetres(area.voted), centiSquareMetres(area.total))}
          testId="votes-turnout-area"
        />
        <Figure
          label={t('votes.by-channel')}
          value={t('votes.by-channel.value', byChannel)}
          testId="votes-by-channel"
        />
        <Figure label={t('votes.tokens')} value={t('votes.tokens.value', tokens)} testId="votes-tokens" />
      </div>
      <p className="muted">{t('votes.turnout.note')}</p>
      <ul className="votes-attention">
        <li data-testid="votes-pending">
          {t('votes.pending', { n: overview.pendingEntries })}{' '}
          {overview.pendingEntries > 0 && manages && <Link to={votePath(boxId, 'paper')}>{t('votes.pending.go')}</Link>}
        </li>
        <li data-testid="votes-mismatches">{t('votes.mismatches', { n: overview.mismatches })}</li>
        <li data-testid="votes-conflicts-count">
          {t('votes.conflicts', { n: overview.conflicts })}{' '}
          {overview.conflicts > 0 && <Link to={votePath(boxId, 'conflicts')}>{t('votes.conflicts.go')}</Link>}
        </li>
      </ul>
      <h2>{t('votes.matters')}</h2>
      <ol className="votes-matters">
        {overview.box.matters.map((matter) => (
          <li key={matter.key}>
            {text(matter.title)}{' '}
            <span className="muted">
              {matter.item !== undefined &&
                `${t('ballot.matter.item', { item: itemNumeral(matter.item, language) })} · `}
              {t(matter.class === 'special' ? 'ballot.matter.special' : 'ballot.matter.ordinary')}
            </span>
          </li>
        ))}
      </ol>
      {manages && (
        <label className="checkbox">
          <input
            type="checkbox"
            checked={overview.settings.requireSecondEntry}
            disabled={settings.isPending || overview.box.state !== 'open'}
            onChange={(event) => settings.mutate(event.target.checked)}
            data-testid="votes-require-second-entry"
          />
          {t('votes.settings.second-entry')}
        </label>
      )}
      {settings.error && (
        <p className="error" role="alert">
          {errorText(settings.error)}
        </p>
      )}
      <VoteDocuments boxId={boxId} closed={overview.box.state !== 'open'} />
    </div>
  );
}

function Figure({ label, value, share, testId }: { label: string; value: string; share?: string; testId: string }) {
  return (
    <div className="votes-figure" data-testid={testId}>
      <div className="muted">{label}</div>
      <div className="votes-figure-value">{value}</div>
      {share && <div className="votes-figure-share">{share}</div>}
    </div>
  );
}
