import type { Actor } from '../../definitions/org';
import { loadConfig } from '../config';
import { openDatabase } from '../db/open-database';
import { resolveActor } from '../directory/actors';
import { CliError } from './output';

/** The prefix naming a system actor (`--as system:nightly-import`); the timeline records the id as given. */
export const systemActorPrefix = 'system:';

/** What the CLI acts as: a directory user with their own memberships, or an explicitly named system actor. */
export type CliActor = { kind: 'user'; actor: Actor } | { kind: 'system'; id: string };

const systemName = /^[a-z0-9][a-z0-9-]{0,62}$/;

/**
 * Resolves `--as`: `system:<name>` is a system actor (shown in the timeline as `system:<name>`, e.g. an operator's
 * script); anything else must be a user of the directory (in the database the CLI's settings point at), who acts
 * with exactly the memberships the directory gives them — never one the CLI invents. Absent: `system:cli`.
 */
export async function resolveCliActor(as: string | undefined): Promise<CliActor> {
  const value = as ?? `${systemActorPrefix}cli`;
  if (value.startsWith(systemActorPrefix)) {
    const name = value.slice(systemActorPrefix.length);
    if (!systemName.test(name)) {
      throw new CliError(
        'cli.invalid-system-actor',
        `系统身份须形如 system:<名称>（小写字母、数字、-）：${value} / a system actor reads system:<name> (a-z, 0-9, -)`,
        2,
      );
    }
    return { kind: 'system', id: value };
  }
  const config = loadConfig();
  const db = await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  try {
    const actor = await resolveActor(db, value);
    if (!actor) {
      throw new CliError(
        'cli.unknown-user',
        `目录中没有启用的用户“${value}”；以系统身份操作请用 --as system:<名称> / no active directory user "${value}"; use --as system:<name> to act as a system actor`,
      );
    }
    return { kind: 'user', actor };
  } finally {
    await db.close();
  }
}

/** The actor id a start or cancel records. */
export const cliActorId = (actor: CliActor): string => (actor.kind === 'user' ? actor.actor.id : actor.id);
