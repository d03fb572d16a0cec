import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import { useBallotApi } from './ballot-api';
import { isApiError } from '../api/api-error';
import type { BallotChoices, BallotView } from '../api/ballot-calls';
import { useBallotI18n } from './ballot-i18n';
import { formatInstant } from '../work-items/format';
import { BallotChoicesList } from './ballot-choices-list';
import { BallotChoose } from './ballot-choose';
import { BallotFrame, BallotProblem } from './ballot-frame';
import { UnitsInSentence, unitsSlot } from './units-in-sentence';
import { BallotLinks, ReceiptCard } from './receipt-card';

const ballotKey = (token: string) => ['ballot', token] as const;

/**
 * `/ballot/:token`: an owner's ballot (电子投票, issue 12 §3), opened from the letter's link or QR code, without an
 * account — outside the staff shell and in a chunk of its own. Shows the compound, the notice and the owner's units,
 * then 同意 / 反对 / 弃权 per matter → a confirm step repeating the choices → the receipt code. A token that has
 * voted shows what was cast; a closed box says so; a refusal (`{ code, message }`) is shown in the reader's language.
 */
export function Component() {
  const { token = '' } = useParams();
  const api = useBallotApi();
  const queryClient = useQueryClient();
  const { t, errorText } = useBallotI18n();
  const ballot = useQuery({ queryKey: ballotKey(token), queryFn: () => api.ballot(token) });
  const [choices, setChoices] = useState<BallotChoices>({});
  const [step, setStep] = useState<'choose' | 'confirm'>('choose');
  const cast = useMutation({
    mutationFn: () => api.castBallot(token, choices),
    // A refusal may mean the unit voted meanwhile (another channel): show the box as it now stands.
    onError: () => void queryClient.invalidateQueries({ queryKey: ballotKey(token) }),
  });

  if (ballot.error) {
    return (
      <BallotFrame>
        <BallotProblem text={errorText(ballot.error)} code={isApiError(ballot.error) ? ballot.error.code : undefined} />
      </BallotFrame>
    );
  }
  if (!ballot.data) {
    return (
      <BallotFrame>
        <p className="muted" role="status">
          {t('ballot.loading')}
        </p>
      </BallotFrame>
    );
  }
  const { box, units } = ballot.data;
  const refusal = cast.error ? (
    <BallotProblem
      text={errorText(cast.error)}
      code={isApiError(cast.error) ? cast.error.code : undefined}
      testId="ballot-refusal"
    />
  ) : undefined;

  let body;
  if (cast.data) {
    body = (
      <ReceiptCard
        receiptCode={cast.data.receiptCode}
        castAt={cast.data.castAt}
        units={cast.data.units.map((unit) => unit.unit)}
        boxId={box.boxId}
        token={token}
      />
    );
  } else if (ballot.data.cast) {
    body = (
      <>
        {refusal}
        <AlreadyCast view={ballot.data} token={token} />
      </>
    );
  } else if (!ballot.data.canCast) {
    body = (
      <>
        {refusal}
        <p className="ballot-closed" data-testid="ballot-closed">
          {t(box.state === 'closed' ? 'ballot.closed' : 'ballot.cannot-cast')}
        </p>
        <BallotLinks token={token} boxId={box.boxId} />
      </>
    );
  } else if (step === 'choose') {
    body = (
      <>
        <BallotNotice view={ballot.data} />
        <BallotChoose
          matters={box.matters}
          choices={choices}
          onChange={setChoices}
          onNext={() => {
            cast.reset();
            setStep('confirm');
          }}
        />
      </>
    );
  } else {
    body = (
      <section className="ballot-confirm" data-testid="ballot-confirm">
        {/* On a phone the button was at the bottom of a long form: bring the confirmation into view. */}
        <h2 ref={(heading) => heading?.scrollIntoView?.({ block: 'start' })}>{t('ballot.confirm.title')}</h2>
        <p>
          <UnitsInSentence
            sentence={t('ballot.confirm.explain', { units: unitsSlot })}
            units={units.map((unit) => unit.unit)}
          />
        </p>
        <BallotChoicesList matters={box.matters} choices={choices} testId="ballot-confirm-choices" />
        {refusal}
        <button
          type="button"
          className="primary ballot-big-button"
          disabled={cast.isPending}
          onClick={() => cast.mutate()}
          data-testid="ballot-cast"
        >
          {cast.isPending ? t('ballot.confirm.sending') : t('ballot.confirm.cast')}
        </button>
        <button
          type="button"
          className="ballot-big-button"
          disabled={cast.isPending}
          onClick={() => setStep('choose')}
          data-testid="ballot-back"
        >
          {t('ballot.confirm.back')}
        </button>
      </section>
    );
  }
  return (
    <BallotFrame heading={box.compoundName}>
      <UnitsLine units={units} />
      {body}
    </BallotFrame>
  );
}

/** Which exclusive parts this letter votes for, with their registered areas. */
function UnitsLine({ units }: { units: BallotView['units'] }) {
  const { t } = useBallotI18n();
  return (
    <p className="ballot-units" data-testid="ballot-units">
      <UnitsInSentence sentence={t('ballot.units', { units: unitsSlot })} units={units} />
    </p>
  );
}

/** The vote's notice (召开业主大会公告) and until when the box is open. */
function BallotNotice({ view }: { view: BallotView }) {
  const { t } = useBallotI18n();
  return (
    <section className="ballot-notice" data-testid="ballot-notice">
      {view.box.windowEnd && (
        <p className="ballot-window">{t('ballot.closes-at', { at: formatInstant(view.box.windowEnd) })}</p>
      )}
      {view.box.notice && (
        <details open={view.box.notice.length <= 400}>
          <summary>{t('ballot.notice')}</summary>
          <p className="ballot-notice-text">{view.box.notice}</p>
        </details>
      )}
    </section>
  );
}

/** A token whose units have voted: what was cast, when and how. */
function AlreadyCast({ view, token }: { view: BallotView; token: string }) {
  const { t } = useBallotI18n();
  const cast = view.cast;
  if (!cast) return null;
  return (
    <section className="ballot-already" data-testid="ballot-already-cast">
      <h2>{t('ballot.already.title')}</h2>
      <p>
        <UnitsInSentence
          sentence={t('ballot.already.when', { at: formatInstant(cast.castAt), units: unitsSlot })}
          units={cast.units}
        />
      </p>
      <BallotChoicesList matters={view.box.matters} choices={cast.choices} testId="ballot-cast-choices" />
      <p className="muted">{t('ballot.already.once')}</p>
      <BallotLinks token={token} boxId={view.box.boxId} />
    </section>
  );
}
