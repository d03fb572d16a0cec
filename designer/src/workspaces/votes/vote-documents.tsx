import { useState } from 'react';
import { useApi } from '../../api/api-context';
import { useI18n } from '../../i18n/i18n';
import { saveBlob } from '../../shell/save-blob';

type VoteDocument = 'notice' | 'paper-ballots' | 'result';

/**
 * The vote's printable documents (issue 12 §5) as the server prints them (PDF, Chinese fonts embedded): the meeting
 * notice (召开业主大会公告), a pre-filled paper ballot per unit (书面表决票) and, once the box is closed, the result
 * notice (表决结果公示). Fetched with the login and saved as files.
 */
export function VoteDocuments({ boxId, closed }: { boxId: string; closed: boolean }) {
  const api = useApi();
  const { t, errorText } = useI18n();
  const [busy, setBusy] = useState<VoteDocument>();
  const [error, setError] = useState<string>();
  async function print(document: VoteDocument) {
    setError(undefined);
    setBusy(document);
    try {
      const { blob, fileName } = await api.voteDocumentPdf(boxId, document);
      saveBlob(blob, fileName);
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setBusy(undefined);
    }
  }
  const documents: { key: VoteDocument; enabled: boolean }[] = [
    { key: 'notice', enabled: true },
    { key: 'paper-ballots', enabled: true },
    { key: 'result', enabled: closed },
  ];
  return (
    <div className="votes-documents" data-testid="votes-documents">
      <h2>{t('votes.documents')}</h2>
      {documents.map(({ key, enabled }) => (
        <button
          key={key}
          type="button"
          disabled={!enabled || busy !== undefined}
          title={enabled ? undefined : t('votes.documents.result-after-close')}
          onClick={() => void print(key)}
          data-testid={`votes-document-${key}`}
        >
          {busy === key ? t('common.loading') : t(`votes.documents.${key}`)}
        </button>
      ))}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
