import path from 'node:path';
import { designerSources } from './designer-build';

const root = path.resolve(__dirname, '..', '..');
const relative = () => designerSources().map((file) => path.relative(root, file));

describe('the designer build the browser tests use', () => {
  test.each([
    ['its page', 'designer/index.html'],
    ['its entry module', 'designer/src/main.tsx'],
    ['the validator it imports from definitions/', 'definitions/validate.ts'],
    ['a kind reached only through the kinds registry', 'definitions/kinds/gateway.ts'],
  ])('given the designer sources, when listing what its bundle is built from, then %s is among them', (_, file) => {
    expect(relative()).toContain(file);
  });

  test('given the designer sources, when listing what its bundle is built from, then server-only code is not', () => {
    expect(relative()).not.toContain('server/system.ts');
    expect(relative().filter((file) => file.endsWith('.test.ts') || file.endsWith('.test.tsx'))).toEqual([]);
  });
});
