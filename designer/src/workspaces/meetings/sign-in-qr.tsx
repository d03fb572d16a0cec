import { useQuery } from '@tanstack/react-query';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useApi } from '../../api/api-context';
import { useI18n } from '../../i18n/i18n';
import { formatInstant } from '../../work-items/format';

/** A new code is fetched this long before the shown one expires (attendees scanning at the last second still get in). */
export const REFRESH_BEFORE_EXPIRY_MS = 60_000;

/** When to fetch the next code: a minute before `expiresAt`, but not sooner than a second from now. */
export function refreshDelayMs(expiresAt: string, now: number): number {
  return Math.max(1_000, Date.parse(expiresAt) - now - REFRESH_BEFORE_EXPIRY_MS);
}

/** The QR code of a URL as an SVG data URL (drawn by the `qrcode` package, no canvas needed). */
function useQrImage(url: string | undefined): string | undefined {
  const [image, setImage] = useState<string>();
  useEffect(() => {
    if (!url) return undefined;
    let current = true;
    void QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }).then((svg) => {
      if (current) setImage(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
    });
    return () => {
      current = false;
    };
  }, [url]);
  return image;
}

/**
 * 扫码签到 on the convener's screen: a QR code of `/meetings/sign-in?code=…` for the meeting's current session,
 * replaced by a fresh one a minute before it expires (codes live ten minutes). Attendees scan it with their own phone,
 * log in if needed, and are signed in for their own party.
 */
export function SignInQr({ caseId, instanceId, session }: { caseId: string; instanceId: string; session: number }) {
  const api = useApi();
  const { t, errorText } = useI18n();
  const code = useQuery({
    queryKey: ['meeting-sign-in-code', caseId, instanceId, session],
    queryFn: () => api.meetingSignInCode(caseId, instanceId),
    refetchInterval: (query) => (query.state.data ? refreshDelayMs(query.state.data.expiresAt, Date.now()) : false),
    refetchIntervalInBackground: true,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
    retry: 1,
  });
  const url = code.data ? `${window.location.origin}${code.data.path}` : undefined;
  const image = useQrImage(url);
  return (
    <div className="meeting-qr" data-testid="meeting-qr">
      {code.error && (
        <p className="error" role="alert">
          {errorText(code.error)}
        </p>
      )}
      {image && url && code.data ? (
        <>
          <img
            src={image}
            alt={t('meetings.qr.alt')}
            width={240}
            height={240}
            data-testid="meeting-qr-image"
            data-code={code.data.code}
          />
          <p className="muted">
            {t('meetings.qr.hint')}
            <br />
            <span data-testid="meeting-qr-expires">
              {t('meetings.qr.valid-until', { at: formatInstant(code.data.expiresAt) })}
            </span>
          </p>
          <p className="meeting-qr-url">
            <a href={url} data-testid="meeting-qr-url">
              {t('meetings.qr.link')}
            </a>
          </p>
        </>
      ) : (
        !code.error && <p className="muted">{t('common.loading')}</p>
      )}
    </div>
  );
}
