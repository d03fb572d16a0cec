import { readFile } from 'node:fs/promises';
import { builtInTemplates, builtInTemplateVersions } from '../../definitions/templates';
import { validateDefinition, isValid } from '../../definitions/validate';
import type { ProcessDefinition } from '../../definitions/schema';
import type { Issue } from '../../definitions/common';
import type { TemplateRef } from '../../workflows/case-input';
import { contentHash } from './content-hash';

/** A definition ready to run: validated, with its template reference (key, version, content hash). */
export interface RunnableTemplate {
  definition: ProcessDefinition;
  template: TemplateRef;
}

export class TemplateError extends Error {
  override readonly name = 'TemplateError';
  constructor(
    readonly code: string,
    message: string,
    readonly issues: Issue[] = [],
  ) {
    super(message);
  }
}

/**
 * Resolves a template argument: a built-in template key (its shipped version `version`, version 1 by default; an
 * unknown version falls back to version 1, labelled as asked) or a path to a definition JSON file (`--version` says
 * which version it is). The CLI starts from these, not from the template store: with the
 * embedded database `npm start` holds PGlite open, so another process cannot read the store. The API starts from
 * the store.
 */
export async function loadRunnableTemplate(keyOrPath: string, version = 1): Promise<RunnableTemplate> {
  let raw: unknown = builtInTemplateVersions[keyOrPath]?.[version - 1] ?? builtInTemplates[keyOrPath];
  if (raw === undefined) {
    if (!keyOrPath.endsWith('.json')) {
      throw new TemplateError(
        'template.not-found',
        `没有内置流程“${keyOrPath}”（可选: ${Object.keys(builtInTemplates).join(', ')}），也不是 .json 文件 / no built-in template "${keyOrPath}" and not a .json file`,
      );
    }
    raw = await readDefinitionFile(keyOrPath);
  }
  return runnable(raw, version);
}

/** Validates a definition and wraps it with its template reference; throws TemplateError listing the issues. */
export function runnable(raw: unknown, version: number): RunnableTemplate {
  const { definition, issues } = validateDefinition(raw);
  if (!definition || !isValid(issues)) {
    throw new TemplateError(
      'template.invalid',
      `流程定义有 ${issues.length} 个问题 / the definition has ${issues.length} issue(s)`,
      issues,
    );
  }
  return { definition, template: { key: definition.key, version, contentHash: contentHash(definition) } };
}

export async function readDefinitionFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new TemplateError(
      'template.file-unreadable',
      `读不到文件 ${file} / cannot read ${file}: ${(error as Error).message}`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new TemplateError(
      'template.file-not-json',
      `${file} 不是合法 JSON / ${file} is not valid JSON: ${(error as Error).message}`,
    );
  }
}
