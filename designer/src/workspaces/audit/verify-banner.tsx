import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../api/api-context';
import { useI18n } from '../../i18n/i18n';

/** The hash chain recomputed on the server (`GET …/history/verify`), shown as a pass or the first broken entry. */
export function VerifyBanner({ caseId }: { caseId: string }) {
  const api = useApi();
  const { t, message, errorText } = useI18n();
  const verify = useQuery({ queryKey: ['verify', caseId], queryFn: () => api.verify(caseId), enabled: false });
  return (
    <div className="verify" data-testid="verify">
      <button
        type="button"
        className="primary"
        data-testid="verify-run"
        onClick={() => void verify.refetch()}
        disabled={verify.isFetching}
      >
        {verify.isFetching ? t('audit.verifying') : t('audit.verify')}
      </button>
      {verify.error && <p className="error">{errorText(verify.error)}</p>}
      {verify.data &&
        (verify.data.ok ? (
          <p className="verify-ok" role="status" data-testid="verify-result">
            {t('audit.verify-ok', { count: verify.data.entries })}
          </p>
        ) : (
          <p className="verify-broken" role="alert" data-testid="verify-result">
            {t('audit.verify-broken', { seq: verify.data.firstBrokenSeq ?? '?' })} {message(verify.data.problem ?? '')}
          </p>
        ))}
    </div>
  );
}
