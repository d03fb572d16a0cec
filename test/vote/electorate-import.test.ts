import type { Database } from '../../server/db/database';
import { importElectorate, loadRoll, type ElectorateImportResult } from '../../server/votes/electorate-import';
import { electorateColumns } from '../../server/votes/electorate-rows';
import { snapshotElectorate } from '../../server/votes/digests';
import { testDialects, useTestDatabases } from '../support/postgres';
import { generateVote } from './generated-roll';

const compound = 'jian/jizhou/xigu/jisheng-sq/jisheng';

async function seedCompound(db: Database): Promise<void> {
  const units = [
    ['jian', null, 'city', '吉安市'],
    ['jian/jizhou', 'jian', 'district', '吉州区'],
    ['jian/jizhou/xigu', 'jian/jizhou', 'street', '溪谷街道'],
    ['jian/jizhou/xigu/jisheng-sq', 'jian/jizhou/xigu', 'community', '吉盛社区'],
    [compound, 'jian/jizhou/xigu/jisheng-sq', 'compound', '吉盛小区'],
  ];
  for (const unit of units)
    await db.query('INSERT INTO org_units (path, parent_path, level, name) VALUES ($1, $2, $3, $4)', unit);
}

const header = electorateColumns.join(',');
const validCsv = [
  header,
  '1-1-101,1,1,101,89.50,false,o-wang,王某,13800000001,360802198001010011',
  '1-1-102,1,1,102,120.25,false,o-zhang,张某,,',
  '1-1-102,1,1,102,120.25,false,o-zhao,赵某,,',
  '2-1-101,2,1,101,100,false,o-wang,,,',
  '2-1-102,2,1,102,75.05,true,,,,',
].join('\n');

const csv = (text: string) => ({ format: 'csv' as const, text, source: 'roll.csv' });

function errorsOf(result: ElectorateImportResult) {
  if (result.ok) throw new Error('expected the import to be refused');
  return result.errors.map(({ row, field, code }) => ({ row, field, code }));
}

async function counts(db: Database): Promise<number[]> {
  const result = await db.query<{ n: number }>(
    `SELECT count(*) AS n FROM electorate_units UNION ALL SELECT count(*) FROM electorate_owners
     UNION ALL SELECT count(*) FROM electorate_unit_owners`,
  );
  return result.rows.map((row) => Number(row.n));
}

describe.each(testDialects)('the electorate (业主名册) import on %s', (dialect) => {
  const databases = useTestDatabases(dialect);

  test('given a CSV with co-owners, a two-part owner and a developer part, when imported, then the roll reads back without personal data', async () => {
    const db = databases.db();
    await seedCompound(db);

    const result = await importElectorate(db, compound, csv(validCsv));

    expect(result).toEqual({ ok: true, counts: { units: 4, owners: 3, links: 4 } });
    expect(await loadRoll(db, compound)).toEqual([
      { unit: '1-1-101', areaCenti: 8950n, ownerIds: ['o-wang'], developerHeld: false },
      { unit: '1-1-102', areaCenti: 12025n, ownerIds: ['o-zhang', 'o-zhao'], developerHeld: false },
      { unit: '2-1-101', areaCenti: 10000n, ownerIds: ['o-wang'], developerHeld: false },
      { unit: '2-1-102', areaCenti: 7505n, ownerIds: [], developerHeld: true },
    ]);
    const snapshot = snapshotElectorate(await loadRoll(db, compound));
    expect(snapshot).toMatchObject({ ok: true, snapshot: { units: 4, area: '384.80', heads: 3 } });
    const owner = await db.query('SELECT name, phone, id_number FROM electorate_owners WHERE owner_id = $1', [
      'o-wang',
    ]);
    expect(owner.rows).toEqual([{ name: '王某', phone: '13800000001', id_number: '360802198001010011' }]);
  });

  test.each([
    [
      'an area with three decimals',
      '1-1-101,1,1,101,89.505,false,o-wang,王某,,',
      { row: 2, field: 'area_m2', code: 'electorate.invalid-field' },
    ],
    [
      'a zero area',
      '1-1-101,1,1,101,0,false,o-wang,王某,,',
      { row: 2, field: 'area_m2', code: 'electorate.invalid-field' },
    ],
    [
      'a part without owner not held by the developer',
      '1-1-101,1,1,101,80,false,,,,',
      { row: 2, field: 'owner_id', code: 'electorate.missing-owner' },
    ],
    [
      'an owner first seen without a name',
      '1-1-101,1,1,101,80,false,o-li,,,',
      { row: 2, field: 'owner_name', code: 'electorate.missing-owner-name' },
    ],
    [
      'a malformed ID number',
      '1-1-101,1,1,101,80,false,o-li,李某,,36080219800101001',
      { row: 2, field: 'owner_id_number', code: 'electorate.invalid-field' },
    ],
    [
      'a bad developer flag',
      '1-1-101,1,1,101,80,perhaps,o-li,李某,,',
      { row: 2, field: 'developer_held', code: 'electorate.invalid-field' },
    ],
  ])(
    'given a file whose first row has %s, then the import names that row and writes nothing',
    async (_name, line, expected) => {
      const db = databases.db();
      await seedCompound(db);
      await importElectorate(db, compound, csv(validCsv));

      const result = await importElectorate(
        db,
        compound,
        csv([header, line, '9-9-999,9,9,999,50,false,o-new,新业主,,'].join('\n')),
      );

      expect(errorsOf(result)).toEqual([expected]);
      expect(await counts(db)).toEqual([4, 3, 4]);
    },
  );

  test.each([
    [
      'a co-owner row with another area',
      `${validCsv}\n1-1-102,1,1,102,120.26,false,o-qian,钱某,,`,
      { row: 7, field: 'area_m2', code: 'electorate.inconsistent-unit' },
    ],
    [
      'the same unit and owner twice',
      `${validCsv}\n1-1-101,1,1,101,89.50,false,o-wang,,,`,
      { row: 7, field: 'owner_id', code: 'electorate.duplicate-row' },
    ],
    [
      'an owner with another name',
      `${validCsv}\n3-1-101,3,1,101,90,false,o-wang,王另,,`,
      { row: 7, field: 'owner_name', code: 'electorate.inconsistent-owner' },
    ],
  ])('given %s, then the import names the row and writes nothing', async (_name, text, expected) => {
    const db = databases.db();
    await seedCompound(db);

    const result = await importElectorate(db, compound, csv(text));

    expect(errorsOf(result)).toEqual([expected]);
    expect(await counts(db)).toEqual([0, 0, 0]);
  });

  test.each([
    [
      'a JSON number for the area (never a float)',
      [{ unit: 'a', area_m2: 89.5, owner_id: 'o', owner_name: '某' }],
      { row: 1, field: 'area_m2', code: 'electorate.invalid-field' },
    ],
    [
      'an unknown key',
      [{ unit: 'a', area_m2: '89.5', owner_id: 'o', owner_name: '某', owner_email: 'x@y' }],
      { row: 1, field: '', code: 'electorate.invalid-field' },
    ],
    ['an object instead of an array', { unit: 'a' }, { row: 0, field: '', code: 'electorate.json-shape' }],
  ])('given JSON with %s, then it is refused', async (_name, document, expected) => {
    const db = databases.db();
    await seedCompound(db);

    const result = await importElectorate(db, compound, { format: 'json', text: JSON.stringify(document) });

    expect(errorsOf(result)).toEqual([expected]);
  });

  test('given valid JSON rows, when imported, then they land like CSV rows', async () => {
    const db = databases.db();
    await seedCompound(db);

    const result = await importElectorate(db, compound, {
      format: 'json',
      text: JSON.stringify([
        { unit: 'a', area_m2: '89.5', owner_id: 'o1', owner_name: '甲' },
        { unit: 'b', area_m2: '10.01', developer_held: true },
      ]),
    });

    expect(result).toEqual({ ok: true, counts: { units: 2, owners: 1, links: 1 } });
  });

  test.each([
    ['an unknown compound', 'jian/jizhou/xigu/jisheng-sq/nowhere'],
    ['a community, not a compound', 'jian/jizhou/xigu/jisheng-sq'],
  ])('given %s, then the import is refused at row 0', async (_name, target) => {
    const db = databases.db();
    await seedCompound(db);

    expect(errorsOf(await importElectorate(db, target, csv(validCsv)))).toEqual([
      { row: 0, field: 'compound', code: 'electorate.unknown-compound' },
    ]);
  });

  test('given an imported roll, when a new file is imported, then it replaces the roll as a whole', async () => {
    const db = databases.db();
    await seedCompound(db);
    await importElectorate(db, compound, csv(validCsv));

    await importElectorate(db, compound, csv([header, '9-9-999,9,9,999,50,false,o-new,新业主,,'].join('\n')));

    expect(await loadRoll(db, compound)).toEqual([
      { unit: '9-9-999', areaCenti: 5000n, ownerIds: ['o-new'], developerHeld: false },
    ]);
  });

  test('given the generated 9,980-unit roll, when imported, then its snapshot equals the snapshot of the same roll read from its CSV', async () => {
    const db = databases.db();
    await seedCompound(db);
    const vote = generateVote();
    const area = (centi: bigint) => `${centi / 100n}.${(centi % 100n).toString().padStart(2, '0')}`;
    const text = [
      header,
      ...vote.parts.map(
        (part) =>
          `${part.unit},,${part.stairwell},,${area(part.areaCenti)},${part.developerHeld},${part.ownerId},${part.ownerId ? `业主${part.ownerId}` : ''},,`,
      ),
    ].join('\n');

    const result = await importElectorate(db, compound, csv(text));

    expect(result).toMatchObject({ ok: true, counts: { units: 9980 } });
    const fromDb = snapshotElectorate(await loadRoll(db, compound));
    const fromFile = snapshotElectorate(
      vote.parts.map((part) => ({
        unit: part.unit,
        areaCenti: part.areaCenti,
        ownerIds: part.ownerId ? [part.ownerId] : [],
        developerHeld: part.developerHeld,
      })),
    );
    expect(fromDb).toEqual(fromFile);
    expect(fromDb).toMatchObject({ snapshot: { units: 9980, heads: 9801 } });
  });
});
