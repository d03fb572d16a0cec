import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { useBallotApi } from './ballot-api';
import { isApiError } from '../api/api-error';
import { useBallotI18n } from './ballot-i18n';
import { formatInstant } from '../work-items/format';
import { BallotFrame, BallotProblem } from './ballot-frame';
import { BallotChoicesList } from './ballot-choices-list';
import { channelKey } from './ballot-text';
import { UnitsInSentence, unitsSlot } from './units-in-sentence';

/**
 * `/ballot/receipt?box=<boxId>&code=<code>`: an owner checks their ballot by its receipt code (issue 12 §3
 * "Checking") — which units it covers, the choices, how and when it was cast, and whether it is the ballot that
 * counts. Public like the ballot page; the box comes from the link on the ballot page or the result notice.
 */
export function Component() {
  const api = useBallotApi();
  const { t, errorText } = useBallotI18n();
  const [params, setParams] = useSearchParams();
  const box = params.get('box') ?? '';
  const code = params.get('code') ?? '';
  const [typedBox, setTypedBox] = useState(box);
  const [typedCode, setTypedCode] = useState(code);
  const receipt = useQuery({
    queryKey: ['ballot-receipt', box, code],
    queryFn: () => api.receipt(code, box),
    enabled: box !== '' && code !== '',
  });

  function lookUp(event: FormEvent) {
    event.preventDefault();
    setParams({ box: typedBox.trim(), code: typedCode.trim() });
  }

  const found = receipt.data;
  return (
    <BallotFrame heading={t('ballot.lookup.title')}>
      <form onSubmit={lookUp} className="ballot-form" data-testid="receipt-lookup-form">
        <p className="muted">{t('ballot.lookup.explain')}</p>
        {!box && (
          <label className="field">
            <span className="field-label">{t('ballot.lookup.box')}</span>
            <input value={typedBox} onChange={(event) => setTypedBox(event.target.value)} data-testid="lookup-box" />
          </label>
        )}
        <label className="field">
          <span className="field-label">{t('ballot.lookup.code')}</span>
          <input
            className="ballot-receipt-input"
            value={typedCode}
            autoCapitalize="characters"
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => setTypedCode(event.target.value)}
            data-testid="lookup-code"
          />
        </label>
        <button
          type="submit"
          className="primary ballot-big-button"
          disabled={typedCode.trim() === '' || typedBox.trim() === ''}
          data-testid="lookup-submit"
        >
          {t('ballot.lookup.submit')}
        </button>
      </form>
      {receipt.isFetching && <p className="muted">{t('ballot.loading')}</p>}
      {receipt.error && (
        <BallotProblem
          text={errorText(receipt.error)}
          code={isApiError(receipt.error) ? receipt.error.code : undefined}
        />
      )}
      {found && (
        <section className="ballot-receipt" data-testid="receipt-found">
          <p className={found.counted ? 'ballot-counted' : 'ballot-not-counted'} data-testid="receipt-counted">
            {t(found.counted ? 'ballot.lookup.counted' : 'ballot.lookup.not-counted')}
          </p>
          <p>
            <UnitsInSentence
              sentence={t('ballot.lookup.cast', {
                at: formatInstant(found.castAt),
                channel: t(channelKey(found.channel)),
                units: unitsSlot,
              })}
              units={found.units}
            />
          </p>
          <BallotChoicesList matters={found.matters} choices={found.choices} testId="receipt-choices" />
          <p className="muted">
            {t(found.boxState === 'closed' ? 'ballot.lookup.box-closed' : 'ballot.lookup.box-open')}
          </p>
        </section>
      )}
    </BallotFrame>
  );
}
