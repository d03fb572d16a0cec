import { useEffect, useId, useState, type ChangeEvent } from 'react';
import {
  attachmentContentTypes,
  defaultMaxAttachmentBytes,
  type AttachmentRef,
} from '../../../definitions/attachment-ref';
import { format, useI18n } from '../i18n/i18n';
import { toAttachmentRef, type AttachmentApi } from './attachment-api';
import { attachmentMessages, formatBytes, type AttachmentMessageKey } from './attachment-messages';

/** Props of {@link AttachmentField}. */
export interface AttachmentFieldProps {
  /** The case the file is evidence for: uploads go to it, and only its readers can fetch the file back. */
  caseId: string;
  /** The form field's label, already in the user's language. */
  label: string;
  required?: boolean;
  disabled?: boolean;
  /** The field's current value: the uploaded file's reference, or undefined when none is chosen. */
  value: AttachmentRef | undefined;
  onChange(value: AttachmentRef | undefined): void;
  api: AttachmentApi;
  /** The server's upload limit, checked before sending (default 20 MiB, as the server's default). */
  maxBytes?: number;
  /** A refusal from the workflow about this field (e.g. a missing required file), in "中文 / English" form. */
  error?: string;
}

const allowedContentTypes: readonly string[] = Object.keys(attachmentContentTypes);

/** Images and PDFs: shown in the page or opened in a new tab. */
function inline(contentType: string): boolean {
  return Object.entries(attachmentContentTypes).some(([type, how]) => type === contentType && how === 'inline');
}

/** An object URL for the stored file, fetched with the bearer token; revoked when the value changes or unmounts. */
function usePreviewUrl(api: AttachmentApi, caseId: string, value: AttachmentRef | undefined): string | undefined {
  const [url, setUrl] = useState<string>();
  const wanted = value && inline(value.contentType) ? value.sha256 : undefined;
  useEffect(() => {
    if (!wanted) return undefined;
    let created: string | undefined;
    let current = true;
    api.download(caseId, wanted).then(
      (blob) => {
        if (!current) return;
        created = URL.createObjectURL(blob);
        setUrl(created);
      },
      () => undefined, // no preview; the file's name and size still show
    );
    return () => {
      current = false;
      setUrl(undefined);
      if (created) URL.revokeObjectURL(created);
    };
  }, [api, caseId, wanted]);
  return url;
}

/**
 * A task form's `attachment` field: choose a photo, PDF or Office document, upload it to the case, and keep its
 * reference (`{ sha256, filename, size, contentType }`) as the field's value — which the completed task's timeline
 * entry then carries, so the case's hash chain covers the file. Images are previewed, PDFs open in a new tab, office
 * documents download. Size and type are checked before uploading; the server checks them again.
 */
export function AttachmentField(props: AttachmentFieldProps) {
  const { caseId, label, required = false, disabled = false, value, onChange, api } = props;
  const maxBytes = props.maxBytes ?? defaultMaxAttachmentBytes;
  const { language, message, errorText } = useI18n();
  const say = (key: AttachmentMessageKey, values?: Record<string, string | number>) =>
    format(attachmentMessages[language][key], values);
  const inputId = useId();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const previewUrl = usePreviewUrl(api, caseId, value);

  async function choose(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setProblem(undefined);
    if (!allowedContentTypes.includes(file.type)) {
      setProblem(say('unsupported', { type: file.type || file.name }));
      return;
    }
    if (file.size > maxBytes) {
      setProblem(say('tooLarge', { size: formatBytes(file.size), max: formatBytes(maxBytes) }));
      return;
    }
    setBusy(true);
    try {
      onChange(toAttachmentRef(await api.upload(caseId, file)));
    } catch (caught) {
      setProblem(errorText(caught));
    } finally {
      setBusy(false);
    }
  }

  const shownError = problem ?? (props.error && message(props.error));
  return (
    <div className="attachment-field" data-testid="attachment-field">
      <label htmlFor={inputId}>
        {label}
        {required && <span className="required"> ({say('required')})</span>}
      </label>
      {value && (
        <div className="attachment-chosen" data-testid="attachment-chosen">
          {previewUrl && value.contentType.startsWith('image/') && (
            <img src={previewUrl} alt={say('previewAlt', { name: value.filename })} data-testid="attachment-preview" />
          )}
          <span className="attachment-name">{value.filename}</span> <span>{formatBytes(value.size)}</span>{' '}
          {previewUrl && value.contentType === 'application/pdf' && (
            <a href={previewUrl} target="_blank" rel="noreferrer" data-testid="attachment-open">
              {say('open')}
            </a>
          )}
          {!disabled && (
            <button type="button" onClick={() => onChange(undefined)} data-testid="attachment-remove">
              {say('remove')}
            </button>
          )}
        </div>
      )}
      <input
        id={inputId}
        type="file"
        accept={allowedContentTypes.join(',')}
        disabled={disabled || busy}
        aria-invalid={shownError ? true : undefined}
        onChange={(event) => void choose(event)}
        data-testid="attachment-input"
      />
      {busy && <span data-testid="attachment-busy">{say('uploading')}</span>}
      {shownError && (
        <p className="field-error" role="alert" data-testid="attachment-error">
          {shownError}
        </p>
      )}
    </div>
  );
}
