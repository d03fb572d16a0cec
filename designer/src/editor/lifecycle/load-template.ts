import { ProcessDefinition } from '../../../../definitions/schema';
import type { ApiClient } from '../../api/client';
import type { TemplateDetail } from '../../api/schemas';

/** A template opened in the editor: its metadata, the definition to edit and the draft revision it is based on. */
export interface OpenedTemplate {
  detail: TemplateDetail;
  definition: ProcessDefinition;
  /** The draft's revision, or 0 when there is no draft yet (the first save creates it). */
  revision: number;
}

/** Why a template cannot be opened (a catalogue key) plus details for the message. */
export class OpenTemplateError extends Error {
  override name = 'OpenTemplateError';
  constructor(
    readonly reason: 'template.empty' | 'template.malformed',
    readonly details: string,
  ) {
    super(details);
  }
}

/**
 * Loads what the editor opens: the draft if there is one, else the newest published version (editing it starts a
 * draft). A definition that does not parse is refused with its problems rather than half-shown.
 */
export async function loadTemplate(api: ApiClient, key: string): Promise<OpenedTemplate> {
  const detail = await api.getTemplate(key);
  let raw: unknown;
  if (detail.draft) raw = detail.draft.definition;
  else if (detail.template.latestVersion !== null)
    raw = (await api.getVersion(key, detail.template.latestVersion)).version.definition;
  else throw new OpenTemplateError('template.empty', key);
  const parsed = ProcessDefinition.safeParse(raw);
  if (!parsed.success) {
    throw new OpenTemplateError(
      'template.malformed',
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '),
    );
  }
  return { detail, definition: parsed.data, revision: detail.draft?.revision ?? 0 };
}
