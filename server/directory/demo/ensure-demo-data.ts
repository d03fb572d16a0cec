import type { Database } from '../../db/database';
import { directoryImportLockKey, importDirectoryInTransaction } from '../import/import-directory';
import { formatRowErrors } from '../import/row-error';
import { hashPassword } from '../../auth/passwords';
import { demoDirectoryDocument, demoPassword, listDemoUsers, type DemoLogin } from './demo-users';

/** What {@link ensureDemoData} did. */
export interface DemoDataResult {
  /** True when the demo dataset was loaded now (the database was empty). */
  loaded: boolean;
  /** The demo logins that exist in the database: all of them after loading, and those still present otherwise. */
  logins: DemoLogin[];
}

/**
 * Loads the demo directory and its users — only into an empty directory (no org units, no users), so it never mixes
 * with real data and a restart does not load it twice. Runs through the same validated import as real data, under
 * the import lock, so two processes starting at once load it once.
 */
export async function ensureDemoData(db: Database): Promise<DemoDataResult> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [directoryImportLockKey]);
    const counts = await tx.query<{ units: number; users: number }>(
      'SELECT (SELECT count(*) FROM org_units) AS units, (SELECT count(*) FROM users) AS users',
    );
    const empty = counts.rows[0]?.units === 0 && counts.rows[0]?.users === 0;
    if (!empty) {
      const demo = listDemoUsers();
      const present = await tx.query<{ username: string }>(
        'SELECT username FROM users WHERE username = ANY($1::text[])',
        [demo.map((login) => login.username)],
      );
      const usernames = new Set(present.rows.map((row) => row.username));
      return { loaded: false, logins: demo.filter((login) => usernames.has(login.username)) };
    }
    const result = await importDirectoryInTransaction(tx, {
      format: 'json',
      text: JSON.stringify(demoDirectoryDocument(await hashPassword(demoPassword))),
      source: 'demo-directory',
    });
    if (!result.ok) throw new Error(`demo directory is invalid:\n${formatRowErrors(result.errors)}`);
    return { loaded: true, logins: listDemoUsers() };
  });
}
