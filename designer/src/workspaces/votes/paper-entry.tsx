import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import type { AttachmentRef } from '../../../../definitions/attachment-ref';
import { useApi } from '../../api/api-context';
import type { BallotChoices, BoxOverview, EntriesResponse, PaperBallotAnswer } from '../../api/ballot-calls';
import { AttachmentField } from '../../attachments/attachment-field';
import { ballotChoices, channelKey, choiceKey } from '../../ballot/ballot-text';
import { useI18n } from '../../i18n/i18n';
import { formatInstant } from '../../work-items/format';
import { caseIdOfBox } from './box-id';

type Entry = EntriesResponse['pending'][number];

/**
 * Paper (书面) and proxy (委托) ballots (issue 12 §3): the part, the choice per matter, the scan of the paper ballot
 * (uploaded to the vote's case with the attachment field) and, for a proxy, the written authorisation. When the box
 * asks for double entry the first entry waits (202) until another staff member enters the same ballot from the paper;
 * the waiting entries are listed with a button that starts that second entry (part and channel filled, the choices
 * left to read from the paper again). A mismatch or a second ballot for a part is refused with the server's message.
 */
export function PaperEntry({ overview }: { overview: BoxOverview }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const { t, text, errorText } = useI18n();
  const boxId = overview.box.boxId;
  const caseId = caseIdOfBox(boxId);
  const unitId = useId();
  const [unit, setUnit] = useState('');
  const [channel, setChannel] = useState<'paper' | 'proxy'>('paper');
  const [choices, setChoices] = useState<BallotChoices>({});
  const [scan, setScan] = useState<AttachmentRef>();
  const [authorisation, setAuthorisation] = useState<AttachmentRef>();
  const [secondEntryOf, setSecondEntryOf] = useState<Entry>();
  const [answer, setAnswer] = useState<PaperBallotAnswer>();
  const [problem, setProblem] = useState<string>();
  const entries = useQuery({ queryKey: ['votes', boxId, 'entries'], queryFn: () => api.voteEntries(boxId) });
  const enter = useMutation({
    mutationFn: () =>
      api.enterPaperBallot(boxId, {
        unit: unit.trim(),
        choices,
        channel,
        scan: scan as AttachmentRef,
        ...(channel === 'proxy' && authorisation && { authorisation }),
      }),
    onSuccess: (entered) => {
      setAnswer(entered);
      setUnit('');
      setChoices({});
      setScan(undefined);
      setAuthorisation(undefined);
      setSecondEntryOf(undefined);
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['votes', boxId] }),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setAnswer(undefined);
    const missing =
      unit.trim() === ''
        ? t('votes.paper.need-unit')
        : overview.box.matters.some((matter) => !choices[matter.key])
          ? t('votes.paper.need-choices')
          : !scan
            ? t('votes.paper.need-scan')
            : channel === 'proxy' && !authorisation
              ? t('votes.paper.need-authorisation')
              : undefined;
    setProblem(missing);
    if (!missing) enter.mutate();
  }

  function startSecondEntry(entry: Entry) {
    setSecondEntryOf(entry);
    setUnit(entry.unit);
    setChannel(entry.channel === 'proxy' ? 'proxy' : 'paper');
    setChoices({});
    setAnswer(undefined);
    setProblem(undefined);
  }

  const open = overview.box.state === 'open';
  return (
    <div className="votes-paper" data-testid="votes-paper">
      <form onSubmit={submit} className="votes-paper-form" aria-label={t('votes.paper.title')} noValidate>
        <h2>{t(secondEntryOf ? 'votes.paper.second-title' : 'votes.paper.title')}</h2>
        {secondEntryOf && (
          <p className="notice" data-testid="votes-second-entry-of">
            {t('votes.paper.second-explain', {
              unit: secondEntryOf.unit,
              by: secondEntryOf.enteredBy,
              at: formatInstant(secondEntryOf.enteredAt),
            })}
          </p>
        )}
        {!open && <p className="notice">{t('votes.paper.closed')}</p>}
        <div className="field">
          <label htmlFor={unitId} className="field-label">
            {t('votes.paper.unit')}
          </label>
          <input
            id={unitId}
            value={unit}
            onChange={(event) => setUnit(event.target.value)}
            placeholder="3-2-301"
            data-testid="paper-unit"
          />
        </div>
        <fieldset>
          <legend>{t('votes.paper.channel')}</legend>
          {(['paper', 'proxy'] as const).map((candidate) => (
            <label key={candidate} className="inline">
              <input
                type="radio"
                name="paper-channel"
                checked={channel === candidate}
                onChange={() => setChannel(candidate)}
                data-testid={`paper-channel-${candidate}`}
              />
              {t(channelKey(candidate))}
            </label>
          ))}
        </fieldset>
        {overview.box.matters.map((matter, index) => (
          <fieldset key={matter.key} data-testid={`paper-matter-${matter.key}`}>
            <legend>
              {index + 1}. {text(matter.title)}
            </legend>
            {ballotChoices.map((choice) => (
              <label key={choice} className="inline">
                <input
                  type="radio"
                  name={`paper-${matter.key}`}
                  checked={choices[matter.key] === choice}
                  onChange={() => setChoices({ ...choices, [matter.key]: choice })}
                  data-testid={`paper-${matter.key}-${choice}`}
                />
                {t(choiceKey(choice))}
              </label>
            ))}
          </fieldset>
        ))}
        <AttachmentField
          caseId={caseId}
          label={t('votes.paper.scan')}
          required
          value={scan}
          onChange={setScan}
          api={api.attachments}
        />
        {channel === 'proxy' && (
          <AttachmentField
            caseId={caseId}
            label={t('votes.paper.authorisation')}
            required
            value={authorisation}
            onChange={setAuthorisation}
            api={api.attachments}
          />
        )}
        {(problem ?? enter.error) && (
          <p className="error" role="alert" data-testid="paper-error">
            {problem ?? errorText(enter.error)}
          </p>
        )}
        <div className="row">
          <button type="submit" className="primary" disabled={!open || enter.isPending} data-testid="paper-submit">
            {t('votes.paper.submit')}
          </button>
          {secondEntryOf && (
            <button type="button" onClick={() => setSecondEntryOf(undefined)}>
              {t('common.cancel')}
            </button>
          )}
        </div>
      </form>
      {answer && <EntryAnswer answer={answer} />}
      <PendingEntries
        entries={entries.data}
        error={entries.error ? errorText(entries.error) : undefined}
        onSecondEntry={open ? startSecondEntry : undefined}
      />
    </div>
  );
}

/** What the server did with the entry: counted (with the receipt code for the owner's slip), or waiting. */
function EntryAnswer({ answer }: { answer: PaperBallotAnswer }) {
  const { t } = useI18n();
  if (answer.status === 'pending') {
    return (
      <p className="notice" role="status" data-testid="paper-pending">
        {t('votes.paper.pending', { unit: answer.unit.unit })}
      </p>
    );
  }
  return (
    <div className="notice" role="status" data-testid="paper-counted">
      <p>
        {t('votes.paper.counted', {
          unit: answer.unit.unit,
          channel: t(channelKey(answer.channel)),
          by: answer.enteredBy.join('、'),
        })}
      </p>
      <p>
        {t('votes.paper.receipt')} <strong className="votes-receipt-code">{answer.receiptCode}</strong>
      </p>
    </div>
  );
}

/** First entries waiting for their second, and refused second entries with the entry they disagreed with. */
function PendingEntries({
  entries,
  error,
  onSecondEntry,
}: {
  entries: EntriesResponse | undefined;
  error: string | undefined;
  onSecondEntry?(entry: Entry): void;
}) {
  const { t } = useI18n();
  if (error)
    return (
      <p className="error" role="alert">
        {error}
      </p>
    );
  if (!entries) return null;
  return (
    <section data-testid="votes-pending-entries">
      <h2>{t('votes.paper.pending-title')}</h2>
      {entries.pending.length === 0 ? (
        <p className="muted">{t('votes.paper.pending-none')}</p>
      ) : (
        <table className="case-table">
          <thead>
            <tr>
              <th>{t('ballot.log.unit')}</th>
              <th>{t('ballot.log.channel')}</th>
              <th>{t('votes.paper.entered-by')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {entries.pending.map((entry) => (
              <tr key={`${entry.unit}-${entry.enteredAt}`}>
                <td>{entry.unit}</td>
                <td>{t(channelKey(entry.channel))}</td>
                <td>
                  {entry.enteredBy} · {formatInstant(entry.enteredAt)}
                </td>
                <td>
                  {onSecondEntry && (
                    <button
                      type="button"
                      onClick={() => onSecondEntry(entry)}
                      data-testid={`second-entry-${entry.unit}`}
                    >
                      {t('votes.paper.second-entry')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {entries.mismatches.length > 0 && (
        <>
          <h2>{t('votes.paper.mismatches')}</h2>
          <ul data-testid="votes-mismatches-list">
            {entries.mismatches.map(({ first, second }) => (
              <li key={`${second.unit}-${second.enteredAt}`}>
                {t('votes.paper.mismatch', {
                  unit: first.unit,
                  first: first.enteredBy,
                  second: second.enteredBy,
                  at: formatInstant(second.enteredAt),
                })}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
