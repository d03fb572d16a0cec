import { readFileSync } from 'node:fs';
import path from 'node:path';
import { processDefinitionJsonSchema } from './json-schema';

describe('generated JSON Schema', () => {
  test('given the zod schema, when the JSON Schema is generated, then the committed file matches (run `npm run gen:schema`)', () => {
    const committed = JSON.parse(readFileSync(path.join(__dirname, 'process-definition.schema.json'), 'utf8'));

    expect(committed).toEqual(processDefinitionJsonSchema());
  });

  test('given the generated schema, then it describes every node kind', () => {
    const text = JSON.stringify(processDefinitionJsonSchema());

    for (const kind of ['start', 'end', 'task', 'gateway', 'parallel', 'join', 'timer', 'notify'])
      expect(text).toContain(`"const":"${kind}"`);
  });
});
