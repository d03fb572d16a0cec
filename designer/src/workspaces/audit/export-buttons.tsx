import { useState } from 'react';
import { useApi } from '../../api/api-context';
import { useI18n } from '../../i18n/i18n';
import { saveBlob } from '../../shell/save-blob';

const exportsOffered = [
  { format: 'csv', source: 'timeline' },
  { format: 'json', source: 'timeline' },
  { format: 'csv', source: 'temporal' },
  { format: 'json', source: 'temporal' },
] as const;

/**
 * Downloads of the audit timeline and the Temporal history as files. The export routes need the bearer token, so the
 * file is fetched and handed to the browser as a blob link with the server's file name.
 */
export function ExportButtons({ caseId }: { caseId: string }) {
  const api = useApi();
  const { t, errorText } = useI18n();
  const [error, setError] = useState<string>();
  async function download(format: 'csv' | 'json', source: 'timeline' | 'temporal') {
    setError(undefined);
    try {
      const { blob, fileName } = await api.exportHistory(caseId, format, source);
      saveBlob(blob, fileName);
    } catch (caught) {
      setError(errorText(caught));
    }
  }
  return (
    <div className="exports" data-testid="exports">
      {exportsOffered.map(({ format, source }) => (
        <button
          key={`${source}-${format}`}
          type="button"
          data-testid={`export-${source}-${format}`}
          onClick={() => void download(format, source)}
        >
          {t(`audit.export.${source}`, { format: format.toUpperCase() })}
        </button>
      ))}
      {error && <p className="error">{error}</p>}
    </div>
  );
}
