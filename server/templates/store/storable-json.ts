import { HttpError, say } from '../../http/errors';

/** Deepest nesting a stored definition may have (real definitions nest about 8 levels). */
export const maxDefinitionDepth = 64;

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be stored in a `jsonb` column, if it cannot. */
function textProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'NUL (U+0000)';
  if (loneSurrogate.test(text)) return 'lone surrogate / 不成对的代理字符';
  return undefined;
}

/**
 * Refuses (400 `template.unsupported-text` or `template.too-deep`) a draft PostgreSQL's `jsonb` cannot store: text
 * holding NUL or an unpaired UTF-16 surrogate (in values or keys), or nesting beyond {@link maxDefinitionDepth}.
 * Drafts may be invalid definitions, but they must be storable, so the refusal comes with the path to fix. Walks
 * iteratively: a hostile body nested thousands deep cannot overflow the stack.
 */
export function assertStorableJson(value: unknown): void {
  const pending: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  while (pending.length > 0) {
    const { value: current, path } = pending.pop()!;
    if (path.length > maxDefinitionDepth) {
      throw new HttpError(
        400,
        'template.too-deep',
        say(`定义嵌套超过 ${maxDefinitionDepth} 层`, `the definition nests deeper than ${maxDefinitionDepth} levels`),
        { path: path.slice(0, 8).join('.') + '…' },
      );
    }
    const problems: [string, string | number][] = [];
    if (typeof current === 'string') {
      const problem = textProblem(current);
      if (problem) problems.push([problem, '']);
    } else if (Array.isArray(current)) {
      current.forEach((item, index) => pending.push({ value: item, path: [...path, index] }));
    } else if (typeof current === 'object' && current !== null) {
      for (const [key, item] of Object.entries(current)) {
        const problem = textProblem(key);
        if (problem) problems.push([problem, key]);
        pending.push({ value: item, path: [...path, key] });
      }
    }
    const first = problems[0];
    if (first) {
      const where = [...path, ...(first[1] === '' ? [] : [first[1]])].join('.') || '(root)';
      throw new HttpError(
        400,
        'template.unsupported-text',
        say(
          `定义中 ${where} 含有无法保存的字符：${first[0]}`,
          `the definition holds text that cannot be stored at ${where}: ${first[0]}`,
        ),
        { path: where },
      );
    }
  }
}
