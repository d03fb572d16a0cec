import { z } from 'zod';
import { nodeSchemas } from '../../definitions/kinds';
import { ProcessDefinition } from '../../definitions/schema';
import { engineTimelineTypes } from '../../definitions/engine/state';
import { meetingTimelineTypes } from '../../definitions/kinds/meeting-config';
import { voteTimelineTypes } from '../../definitions/kinds/vote-config';
import { en } from '../src/i18n/en';
import { format, isMessageKey, pickMessage } from '../src/i18n/i18n';
import { zh } from '../src/i18n/zh';
import { unwrap } from '../src/editor/inspector/zod-introspect';

/** Every object key and enum value the inspector may show, walking the schemas it is generated from. */
function walk(schema: z.core.$ZodType, fields: Set<string>, values: Set<string>): void {
  const { inner } = unwrap(schema);
  if (inner instanceof z.ZodObject) {
    for (const [key, field] of Object.entries(inner.shape)) {
      fields.add(key);
      walk(field, fields, values);
    }
  } else if (inner instanceof z.ZodArray) walk(inner.element, fields, values);
  else if (inner instanceof z.ZodDiscriminatedUnion) {
    for (const option of inner.options) {
      const literal = option instanceof z.ZodObject ? option.shape[inner.def.discriminator] : undefined;
      if (literal instanceof z.ZodLiteral) values.add(String(literal.value));
      walk(option, fields, values);
    }
  } else if (inner instanceof z.ZodEnum) for (const option of inner.options) values.add(String(option));
}

describe('message catalogues', () => {
  const fields = new Set<string>();
  const values = new Set<string>();
  for (const schema of nodeSchemas) {
    fields.add('id').add('title').add('config');
    walk(schema.shape.config, fields, values);
  }
  for (const key of ['name', 'description', 'roles', 'variables'] as const) {
    fields.add(key);
    walk(ProcessDefinition.shape[key], fields, values);
  }
  fields.delete('zh');
  fields.delete('en');

  test.each([...fields].map((field) => [field]))(
    'given schema field %s, when the inspector labels it, then the catalogue has a label',
    (field) => {
      expect(isMessageKey(`field.${field}`)).toBe(true);
    },
  );

  test.each([...values].map((value) => [value]))(
    'given enum value %s, when the inspector offers it, then the catalogue names it',
    (value) => {
      expect(isMessageKey(`value.${value}`)).toBe(true);
    },
  );

  test.each([...engineTimelineTypes, ...meetingTimelineTypes, ...voteTimelineTypes].map((type) => [type]))(
    'given timeline entry %s, when the step log and the case page show it, then it is named and told',
    (type) => {
      expect(isMessageKey(`timeline.${type}`)).toBe(true);
      expect(isMessageKey(`story.${type}`)).toBe(true);
    },
  );

  test('given both catalogues, when compared, then English has exactly the Chinese keys and the same placeholders', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const key of Object.keys(zh)) {
      const placeholders = (text: string) =>
        [...text.matchAll(/(?<!\{)\{(\w+)\}(?!\})/g)].map((match) => match[1]).sort();
      expect([key, placeholders(en[key as keyof typeof en])]).toEqual([key, placeholders(zh[key as keyof typeof zh])]);
    }
  });

  test.each([
    ['用户名或密码错误 / wrong username or password', 'zh', '用户名或密码错误'],
    ['用户名或密码错误 / wrong username or password', 'en', 'wrong username or password'],
    ['no separator', 'en', 'no separator'],
  ] as const)('given the API message %s, when shown in %s, then the user sees %s', (message, language, shown) => {
    expect(pickMessage(message, language)).toBe(shown);
  });

  test('given a message with placeholders, when formatted, then known ones are filled and unknown ones kept', () => {
    expect(format('{count} 个错误 {other}', { count: 3 })).toBe('3 个错误 {other}');
  });
});
