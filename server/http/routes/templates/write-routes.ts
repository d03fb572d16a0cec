import type { Router } from 'express';
import type { z } from 'zod';
import { editsTemplatesOf } from '../../../access/policy';
import type { Database } from '../../../db/database';
import {
  createTemplate,
  deriveTemplate,
  publishDraft,
  retireTemplate,
  saveDraft,
  starterDefinition,
} from '../../../templates/store';
import { alreadyRetired } from '../../../templates/store/template-errors';
import { parseRequest } from '../../parse-request';
import { requireActor } from '../require-actor';
import {
  forbiddenOwner,
  requireEditable,
  toDraftView,
  toSummary,
  toVersionView,
  visibleTemplate,
} from './template-access';
import {
  CreateTemplateBody,
  DeriveBody,
  PublishBody,
  RetireBody,
  SaveDraftBody,
  TemplateKeyParams,
  type DraftResponse,
  type TemplateResponse,
  type TemplateWithDraftResponse,
  type VersionResponse,
} from './template-schemas';

/**
 * Adds the template routes that write: create, save the draft, publish, derive, retire. Each parses its whole request
 * first, then checks access (404 for templates the caller cannot see, 403 for those they cannot change), then writes
 * in one statement or one transaction, so a refused request changes nothing.
 */
export function addTemplateWriteRoutes(router: Router, db: Database, now: () => Date): void {
  router.post('/templates', async (req, res) => {
    const actor = requireActor(req);
    const body = parseRequest(CreateTemplateBody, req.body, 'body');
    if (!editsTemplatesOf(actor, body.ownerUnit)) throw forbiddenOwner(body.ownerUnit);
    const created = await createTemplate(
      db,
      { key: body.key, ownerUnit: body.ownerUnit, definition: body.definition ?? starterDefinition(body.key) },
      { by: actor.id, at: now() },
    );
    res.status(201).json({
      template: toSummary(actor, created.template),
      draft: toDraftView(created.draft),
    } satisfies z.infer<typeof TemplateWithDraftResponse>);
  });

  router.put('/templates/:key/draft', async (req, res) => {
    const actor = requireActor(req);
    const { key } = parseRequest(TemplateKeyParams, req.params, 'params');
    const body = parseRequest(SaveDraftBody, req.body, 'body');
    requireEditable(actor, await visibleTemplate(db, actor, key));
    const draft = await saveDraft(
      db,
      { key, definition: body.definition, revision: body.revision },
      { by: actor.id, at: now() },
    );
    res.json({ draft: toDraftView(draft) } satisfies z.infer<typeof DraftResponse>);
  });

  router.post('/templates/:key/publish', async (req, res) => {
    const actor = requireActor(req);
    const { key } = parseRequest(TemplateKeyParams, req.params, 'params');
    const body = parseRequest(PublishBody, req.body, 'body');
    requireEditable(actor, await visibleTemplate(db, actor, key));
    const version = await publishDraft(
      db,
      { key, revision: body.revision, changeNote: body.changeNote },
      { by: actor.id, at: now() },
    );
    res.status(201).json({ version: toVersionView(version) } satisfies z.infer<typeof VersionResponse>);
  });

  router.post('/templates/:key/derive', async (req, res) => {
    const actor = requireActor(req);
    const { key } = parseRequest(TemplateKeyParams, req.params, 'params');
    const body = parseRequest(DeriveBody, req.body, 'body');
    await visibleTemplate(db, actor, key);
    if (!editsTemplatesOf(actor, body.ownerUnit)) throw forbiddenOwner(body.ownerUnit);
    const derived = await deriveTemplate(
      db,
      {
        sourceKey: key,
        ownerUnit: body.ownerUnit,
        ...(body.version !== undefined && { version: body.version }),
        ...(body.newKey !== undefined && { newKey: body.newKey }),
      },
      { by: actor.id, at: now() },
    );
    res.status(201).json({
      template: toSummary(actor, derived.template),
      draft: toDraftView(derived.draft),
    } satisfies z.infer<typeof TemplateWithDraftResponse>);
  });

  router.post('/templates/:key/retire', async (req, res) => {
    const actor = requireActor(req);
    const { key } = parseRequest(TemplateKeyParams, req.params, 'params');
    const body = parseRequest(RetireBody, req.body, 'body');
    const template = await visibleTemplate(db, actor, key);
    requireEditable(actor, template);
    if (template.retirement) throw alreadyRetired(key, template.retirement.at, template.retirement.by);
    const retired = await retireTemplate(db, key, body.reason, { by: actor.id, at: now() });
    res.json({ template: toSummary(actor, retired) } satisfies z.infer<typeof TemplateResponse>);
  });
}
