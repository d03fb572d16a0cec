import { importDirectory } from '../../server/directory/import/import-directory';
import { assertNamedDepartmentExists } from '../../server/directory/summoned-department';
import { testDialects, useTestDatabases } from '../support/postgres';
import { smallDirectory } from './fixtures';

describe.each(testDialects)('a summoned department must be in the directory, on %s', (dialect) => {
  const databases = useTestDatabases(dialect);

  beforeEach(async () => {
    const result = await importDirectory(databases.db(), { format: 'json', text: JSON.stringify(smallDirectory()) });
    expect(result.ok).toBe(true);
  });

  test.each([
    ['the district 城管 the directory holds', { role: 'dept-chengguan', unit: 'jian/jizhou' }],
    ['the street 派出所 the directory holds', { role: 'dept-paichusuo', unit: 'jian/jizhou/gunan', lead: true }],
    ['an input that names no department (a report-back)', { summary: '已清理', attachments: [] }],
    ['a role that is not a department', { role: 'community-staff', unit: 'jian/jizhou' }],
  ])('given %s, when checked, then it passes', async (_case, input) => {
    await expect(assertNamedDepartmentExists(databases.db(), input)).resolves.toBeUndefined();
  });

  test.each([
    ['a kind the district has no department of', { role: 'dept-zhujian', unit: 'jian/jizhou' }],
    ['a department of another unit', { role: 'dept-chengguan', unit: 'jian/jizhou/gunan' }],
    ['a kind that does not exist', { role: 'dept-nobody', unit: 'jian/jizhou' }],
    ['a unit that does not exist', { role: 'dept-chengguan', unit: 'jian/nowhere' }],
  ])('given %s, when checked, then it is refused with directory.department-unknown', async (_case, input) => {
    await expect(assertNamedDepartmentExists(databases.db(), input)).rejects.toMatchObject({
      name: 'HttpError',
      status: 422,
      code: 'directory.department-unknown',
      message: expect.stringMatching(/名录中没有.* \/ the directory holds no department/),
    });
  });
});
