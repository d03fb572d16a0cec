import type { Issue } from '../../../definitions/common';
import { formatShanghai } from '../../../definitions/time';
import { HttpError, say } from '../../http/errors';

/**
 * The refusals of the template store, one function per stable code, so the store and the routes answer the same
 * situation with the same code and words.
 */

export function templateNotFound(key: string): HttpError {
  return new HttpError(404, 'template.not-found', say(`没有流程模板“${key}”`, `no template "${key}"`), { key });
}

export function versionNotFound(key: string, version: number): HttpError {
  return new HttpError(
    404,
    'template.version-not-found',
    say(`流程模板“${key}”没有第 ${version} 版`, `template "${key}" has no version ${version}`),
    { key, version },
  );
}

export function notPublished(key: string): HttpError {
  return new HttpError(
    409,
    'template.not-published',
    say(`流程模板“${key}”尚未发布任何版本`, `template "${key}" has no published version yet`),
    { key },
  );
}

export function draftNotFound(key: string): HttpError {
  return new HttpError(
    404,
    'template.draft-not-found',
    say(`流程模板“${key}”没有草稿`, `template "${key}" has no draft`),
    {
      key,
    },
  );
}

export function keyTaken(key: string, builtIn: boolean): HttpError {
  return new HttpError(
    409,
    'template.key-taken',
    builtIn
      ? say(
          `“${key}”是内置模板的标识，请换一个（或从内置模板派生）`,
          `"${key}" is a built-in template's key; choose another (or derive from the built-in)`,
        )
      : say(`模板标识“${key}”已被使用，请换一个`, `the template key "${key}" is already taken; choose another`),
    { key },
  );
}

export function keyMismatch(key: string, definitionKey: unknown): HttpError {
  return new HttpError(
    400,
    'template.key-mismatch',
    say(`流程定义的 key 必须与模板标识“${key}”一致`, `the definition's key must equal the template key "${key}"`),
    { expected: key, got: definitionKey ?? null },
  );
}

/** The current draft was saved since the caller loaded it: who saved when, and what to do. */
export function draftConflict(
  key: string,
  current: { revision: number; updatedBy: string | null; updatedAt: Date | null },
): HttpError {
  const when = current.updatedAt ? formatShanghai(current.updatedAt.getTime()) : '';
  return new HttpError(
    409,
    'template.draft-conflict',
    current.updatedBy
      ? say(
          `草稿已被 ${current.updatedBy} 于 ${when} 保存（第 ${current.revision} 次修订），你的修改未保存。请重新加载草稿，再把修改做一遍`,
          `the draft was saved by ${current.updatedBy} at ${when} (revision ${current.revision}); your change was not saved. Reload the draft and apply your change again`,
        )
      : say(
          `模板“${key}”还没有草稿（修订号应为 0），请重新加载`,
          `template "${key}" has no draft yet (the revision must be 0); reload it`,
        ),
    {
      currentRevision: current.revision,
      updatedBy: current.updatedBy,
      updatedAt: current.updatedAt?.toISOString() ?? null,
    },
  );
}

export function retired(key: string): HttpError {
  return new HttpError(
    409,
    'template.retired',
    say(
      `流程模板“${key}”已停用，不能再发起案件或修改`,
      `template "${key}" is retired: it starts no new cases and cannot change`,
    ),
    { key },
  );
}

export function alreadyRetired(key: string, retiredAt: Date, retiredBy: string): HttpError {
  return new HttpError(
    409,
    'template.already-retired',
    say(
      `流程模板“${key}”已于 ${formatShanghai(retiredAt.getTime())} 由 ${retiredBy} 停用`,
      `template "${key}" was already retired by ${retiredBy} at ${formatShanghai(retiredAt.getTime())}`,
    ),
    { key, retiredAt: retiredAt.toISOString(), retiredBy },
  );
}

export function invalidDefinition(key: string, issues: readonly Issue[]): HttpError {
  const errors = issues.filter((found) => found.severity === 'error').length;
  return new HttpError(
    422,
    'template.invalid',
    say(`草稿有 ${errors} 个错误，修正后才能发布`, `the draft has ${errors} error(s); fix them before publishing`),
    { key, issues },
  );
}

export function unchanged(key: string, version: number): HttpError {
  return new HttpError(
    409,
    'template.unchanged',
    say(
      `草稿与已发布的第 ${version} 版内容相同，无需再发布`,
      `the draft is the same as published version ${version}; there is nothing to publish`,
    ),
    { key, version },
  );
}
