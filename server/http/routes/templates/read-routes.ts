import type { Router } from 'express';
import { diffDefinitions } from '../../../../definitions/diff';
import { ProcessDefinition } from '../../../../definitions/schema';
import { validateDefinition } from '../../../../definitions/validate';
import { readsTemplateDraftsOf } from '../../../access/policy';
import type { Database } from '../../../db/database';
import { getDraft, getVersion, listTemplates, listVersions } from '../../../templates/store';
import { draftNotFound, versionNotFound } from '../../../templates/store/template-errors';
import { parseRequest } from '../../parse-request';
import { requireActor } from '../require-actor';
import { seesTemplate, toDraftView, toSummary, toVersionView, visibleTemplate } from './template-access';
import {
  DiffQuery,
  ListTemplatesQuery,
  TemplateKeyParams,
  ValidateBody,
  VersionParams,
  type TemplateSummary,
} from './template-schemas';
import type { z } from 'zod';
import type {
  DiffResponse,
  IssuesResponse,
  TemplateDetailResponse,
  TemplateListResponse,
  VersionDetailResponse,
} from './template-schemas';

/** Adds the template routes that change nothing: list, details, a version, a diff, validation. */
export function addTemplateReadRoutes(router: Router, db: Database): void {
  router.get('/templates', async (req, res) => {
    const actor = requireActor(req);
    const { scope } = parseRequest(ListTemplatesQuery, req.query, 'query');
    const templates: TemplateSummary[] = (await listTemplates(db))
      .filter((template) => seesTemplate(actor, template))
      .map((template) => toSummary(actor, template))
      .filter((summary) => scope === 'all' || summary.editable);
    res.json({ templates } satisfies z.infer<typeof TemplateListResponse>);
  });

  router.get('/templates/:key', async (req, res) => {
    const actor = requireActor(req);
    const { key } = parseRequest(TemplateKeyParams, req.params, 'params');
    const template = await visibleTemplate(db, actor, key);
    const draft = readsTemplateDraftsOf(actor, template.ownerUnit) ? await getDraft(db, key) : undefined;
    const versions = await listVersions(db, key);
    res.json({
      template: toSummary(actor, template),
      draft: draft ? toDraftView(draft) : null,
      versions: versions.map(toVersionView),
    } satisfies z.infer<typeof TemplateDetailResponse>);
  });

  router.get('/templates/:key/versions/:version', async (req, res) => {
    const actor = requireActor(req);
    const { key, version } = parseRequest(VersionParams, req.params, 'params');
    await visibleTemplate(db, actor, key);
    const found = await getVersion(db, key, version);
    if (!found) throw versionNotFound(key, version);
    res.json({
      version: { ...toVersionView(found), definition: found.definition },
    } satisfies z.infer<typeof VersionDetailResponse>);
  });

  router.get('/templates/:key/diff', async (req, res) => {
    const actor = requireActor(req);
    const { key } = parseRequest(TemplateKeyParams, req.params, 'params');
    const query = parseRequest(DiffQuery, req.query, 'query');
    const template = await visibleTemplate(db, actor, key);
    const from = await getVersion(db, key, query.from);
    if (!from) throw versionNotFound(key, query.from);
    let to: unknown;
    if (query.to === 'draft') {
      const draft = readsTemplateDraftsOf(actor, template.ownerUnit) ? await getDraft(db, key) : undefined;
      if (!draft) throw draftNotFound(key);
      // Versions are stored as parsed (defaults filled in); parse a draft that can be, to compare like with like.
      const parsed = ProcessDefinition.safeParse(draft.definition);
      to = parsed.success ? parsed.data : draft.definition;
    } else {
      const version = await getVersion(db, key, query.to);
      if (!version) throw versionNotFound(key, query.to);
      to = version.definition;
    }
    res.json({
      from: { version: query.from },
      to: { version: query.to },
      diff: diffDefinitions(from.definition, to),
    } satisfies z.infer<typeof DiffResponse>);
  });

  router.post('/templates/:key/validate', async (req, res) => {
    const actor = requireActor(req);
    const { key } = parseRequest(TemplateKeyParams, req.params, 'params');
    const body = parseRequest(ValidateBody, req.body ?? {}, 'body');
    const template = await visibleTemplate(db, actor, key);
    let definition = body.definition;
    if (definition === undefined) {
      const draft = readsTemplateDraftsOf(actor, template.ownerUnit) ? await getDraft(db, key) : undefined;
      if (!draft) throw draftNotFound(key);
      definition = draft.definition;
    }
    res.json({ issues: validateDefinition(definition).issues } satisfies z.infer<typeof IssuesResponse>);
  });
}
