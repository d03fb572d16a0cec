import type { z } from 'zod';
import type { OrgLevel } from '../../definitions/org';

/** A message a person reads: Chinese first, English beside. */
export const say = (zh: string, en: string): string => `${zh} / ${en}`;

const typeNames: Record<string, string> = {
  string: '文本',
  number: '数字',
  int: '整数',
  boolean: '是/否',
  array: '列表',
  object: '对象',
};

/**
 * Bilingual wording for zod's generic issues (wrong type, missing, too long, …), passed to `safeParse` so every
 * import error a person sees reads Chinese first. Field-specific messages set on a schema take precedence.
 */
export const bilingualIssue = (issue: z.core.$ZodRawIssue): string | undefined => {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? say('必填', 'required')
        : say(`应为${typeNames[issue.expected] ?? issue.expected}`, `expected ${issue.expected}`);
    case 'invalid_value':
      return say(
        `应为 ${issue.values.map(String).join('、')} 之一`,
        `expected one of ${issue.values.map(String).join(', ')}`,
      );
    case 'too_small':
      return issue.origin === 'string'
        ? say(`至少 ${issue.minimum} 个字符`, `at least ${issue.minimum} characters`)
        : say(`不能小于 ${issue.minimum}`, `must be at least ${issue.minimum}`);
    case 'too_big':
      return issue.origin === 'string'
        ? say(`最多 ${issue.maximum} 个字符`, `at most ${issue.maximum} characters`)
        : say(`不能大于 ${issue.maximum}`, `must be at most ${issue.maximum}`);
    case 'invalid_format':
      return say('格式不正确', `invalid format (${issue.format})`);
    default:
      return undefined;
  }
};

/** What each org level is called. */
export const levelNames = {
  city: { zh: '市', en: 'city' },
  district: { zh: '区', en: 'district' },
  street: { zh: '街道', en: 'street' },
  community: { zh: '社区', en: 'community' },
  compound: { zh: '小区', en: 'compound' },
} as const satisfies Record<OrgLevel, { zh: string; en: string }>;
