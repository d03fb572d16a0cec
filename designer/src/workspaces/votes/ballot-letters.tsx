import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useApi } from '../../api/api-context';
import type { BoxOverview, IssueTokensResponse } from '../../api/ballot-calls';
import { useI18n } from '../../i18n/i18n';
import { formatInstant } from '../../work-items/format';
import { QrCode } from './qr-code';

/** The parts typed for a re-issue: separated by commas, spaces or new lines. */
function unitList(typed: string): string[] {
  return [...new Set(typed.split(/[\s,，、]+/).filter((unit) => unit !== ''))];
}

/**
 * The owners' letters (issue 12 §3 "Electronic"): issue one-time tokens — for every part without one, or again for
 * named parts whose letter was lost (their old token stops working) — and print one letter per token with its link
 * and QR code. Tokens are shown only in the answer to the issue, so the letters are printed from this page at once.
 */
export function BallotLetters({ overview }: { overview: BoxOverview }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const { t, errorText } = useI18n();
  const boxId = overview.box.boxId;
  const [reissue, setReissue] = useState('');
  const [issued, setIssued] = useState<IssueTokensResponse>();
  const issue = useMutation({
    mutationFn: (units?: string[]) => api.issueBallotTokens(boxId, units ? { units } : {}),
    onSuccess: (answer) => {
      setIssued(answer);
      void queryClient.invalidateQueries({ queryKey: ['votes', boxId] });
    },
  });
  const open = overview.box.state === 'open';
  return (
    <div className="ballot-letters-section" data-testid="votes-letters">
      <div className="no-print">
        <p>{t('votes.letters.explain')}</p>
        <p className="notice">{t('votes.letters.once')}</p>
        <p className="muted" data-testid="votes-letters-without">
          {t('votes.letters.without', { n: overview.tokens.partsWithoutToken })}
        </p>
        <div className="row">
          <button
            type="button"
            className="primary"
            disabled={!open || issue.isPending || overview.tokens.partsWithoutToken === 0}
            onClick={() => issue.mutate(undefined)}
            data-testid="votes-issue-tokens"
          >
            {t('votes.letters.issue')}
          </button>
        </div>
        <label className="field">
          <span className="field-label">{t('votes.letters.reissue')}</span>
          <textarea
            rows={2}
            value={reissue}
            onChange={(event) => setReissue(event.target.value)}
            placeholder="3-2-301, 3-2-302"
            data-testid="votes-reissue-units"
          />
        </label>
        <button
          type="button"
          disabled={!open || issue.isPending || unitList(reissue).length === 0}
          onClick={() => issue.mutate(unitList(reissue))}
          data-testid="votes-reissue"
        >
          {t('votes.letters.reissue-button')}
        </button>
        {issue.error && (
          <p className="error" role="alert">
            {errorText(issue.error)}
          </p>
        )}
        {issued && (
          <div className="votes-issued" role="status" data-testid="votes-issued">
            <p>{t('votes.letters.issued', { n: issued.tokens.length, revoked: issued.revoked })}</p>
            {issued.skipped.length > 0 && (
              <ul>
                {issued.skipped.map((skip) => (
                  <li key={skip.unit}>
                    {skip.unit}：{skip.reason}
                  </li>
                ))}
              </ul>
            )}
            {issued.tokens.length > 0 && (
              <button type="button" className="primary" onClick={() => globalThis.print?.()} data-testid="votes-print">
                {t('votes.letters.print')}
              </button>
            )}
          </div>
        )}
      </div>
      {issued && (
        <div className="ballot-letters" data-testid="ballot-letters">
          {issued.tokens.map((issuedToken) => (
            <Letter key={issuedToken.token} overview={overview} token={issuedToken} />
          ))}
        </div>
      )}
    </div>
  );
}

/** One owner's letter: the compound, the parts and their areas, the matters, the window, the link and its QR code. */
function Letter({ overview, token }: { overview: BoxOverview; token: IssueTokensResponse['tokens'][number] }) {
  const { t, text } = useI18n();
  const url = `${globalThis.location?.origin ?? ''}${token.url}`;
  return (
    <article className="ballot-letter" data-testid="ballot-letter">
      <h2>{t('votes.letter.title', { compound: overview.box.compoundName })}</h2>
      <p>
        {t('votes.letter.units', {
          units: token.units.map((unit) => `${unit.unit}（${unit.area} m²）`).join('、'),
        })}
      </p>
      <p>{t('votes.letter.matters')}</p>
      <ol>
        {overview.box.matters.map((matter) => (
          <li key={matter.key}>{text(matter.title)}</li>
        ))}
      </ol>
      {overview.box.windowEnd && <p>{t('votes.letter.until', { at: formatInstant(overview.box.windowEnd) })}</p>}
      <div className="ballot-letter-link">
        <QrCode text={url} label={t('votes.letter.qr')} />
        <div>
          <p>{t('votes.letter.how')}</p>
          <p className="ballot-letter-url" data-testid="ballot-letter-url">
            {url}
          </p>
        </div>
      </div>
      <p className="muted">{t('votes.letter.keep')}</p>
    </article>
  );
}
