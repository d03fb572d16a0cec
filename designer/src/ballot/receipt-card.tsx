import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { useBallotI18n } from './ballot-i18n';
import { formatInstant } from '../work-items/format';
import { UnitsInSentence, unitsSlot } from './units-in-sentence';

/** Copies `text`: the Clipboard API where the page may use it (HTTPS), else the selected field and the old command. */
async function copyText(text: string, field: HTMLInputElement | null): Promise<boolean> {
  try {
    if (globalThis.navigator?.clipboard && globalThis.isSecureContext) {
      await globalThis.navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to selecting the field
  }
  if (!field) return false;
  field.select();
  try {
    // A page served over plain HTTP (a compound's LAN) has no Clipboard API; this is what remains.
    return typeof document.execCommand === 'function' && document.execCommand('copy');
  } catch {
    return false;
  }
}

/**
 * The receipt after casting: the code large and copyable, when it was cast and for which units, and how to check it
 * later (the receipt lookup, and the ballot log with its digest once the vote closes).
 */
export function ReceiptCard({
  receiptCode,
  castAt,
  units,
  boxId,
  token,
}: {
  receiptCode: string;
  castAt: string;
  units: string[];
  boxId: string;
  token: string;
}) {
  const { t } = useBallotI18n();
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<boolean>();
  return (
    <section className="ballot-receipt" data-testid="ballot-receipt" aria-labelledby="ballot-receipt-title">
      <h2 id="ballot-receipt-title">{t('ballot.receipt.title')}</h2>
      <p>
        <UnitsInSentence
          sentence={t('ballot.receipt.cast', { at: formatInstant(castAt), units: unitsSlot })}
          units={units}
        />
      </p>
      <label className="ballot-receipt-label" htmlFor="ballot-receipt-code">
        {t('ballot.receipt.code')}
      </label>
      <input
        id="ballot-receipt-code"
        ref={field}
        className="ballot-receipt-code"
        readOnly
        value={receiptCode}
        onFocus={(event) => event.target.select()}
        data-testid="ballot-receipt-code"
      />
      <button
        type="button"
        className="ballot-big-button"
        onClick={() => void copyText(receiptCode, field.current).then(setCopied)}
        data-testid="ballot-receipt-copy"
      >
        {t('ballot.receipt.copy')}
      </button>
      {copied !== undefined && (
        <p role="status" className="muted">
          {t(copied ? 'ballot.receipt.copied' : 'ballot.receipt.copy-failed')}
        </p>
      )}
      <p className="ballot-receipt-how">{t('ballot.receipt.how')}</p>
      <BallotLinks token={token} boxId={boxId} code={receiptCode} />
    </section>
  );
}

/** The owner's ways to check: the ballot log of this vote and the receipt lookup. */
export function BallotLinks({ token, boxId, code }: { token: string; boxId: string; code?: string }) {
  const { t } = useBallotI18n();
  const lookup = new URLSearchParams({ box: boxId, ...(code && { code }) });
  return (
    <nav className="ballot-links">
      <Link to={`/ballot/${encodeURIComponent(token)}/log`} data-testid="ballot-log-link">
        {t('ballot.links.log')}
      </Link>
      {/* The token rides in the history state (never the address); the receipt's own answer names the matters. */}
      <Link to={`/ballot/receipt?${lookup}`} state={{ token }} data-testid="ballot-lookup-link">
        {t('ballot.links.lookup')}
      </Link>
    </nav>
  );
}
