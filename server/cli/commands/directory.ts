import { openDatabase } from '../../db/open-database';
import { listDemoUsers } from '../../directory/demo/demo-users';
import { ImportFileError, importDirectoryFiles } from '../../directory/import/import-files';
import { formatRowErrors } from '../../directory/import/row-error';
import { loadConfig } from '../../config';
import { CliError, printJson } from '../output';

/** `gongzhi demo-users`: the demo logins as JSON (`[{ username, password, role, orgUnit }]`), for scripts and testers. */
export function demoUsersCommand(): void {
  printJson(listDemoUsers());
}

/** `gongzhi directory import <file…>`: JSON documents or CSV sections; nothing is imported when any row is bad. */
export async function directoryImportCommand(files: string[], options: { json?: boolean }): Promise<void> {
  if (files.length === 0)
    throw new CliError('cli.usage', '用法 / usage: gongzhi directory import <文件.json|文件.csv>…', 2);
  const config = loadConfig();
  const db = await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  try {
    const result = await importDirectoryFiles(db, files).catch((error: unknown) => {
      if (error instanceof ImportFileError) throw new CliError(error.code, error.message);
      throw error;
    });
    if (!result.ok) {
      process.stderr.write(`${formatRowErrors(result.errors)}\n`);
      throw new CliError(
        'directory.import-invalid',
        `${result.errors.length} 处错误，未导入任何数据 / ${result.errors.length} error(s); nothing imported`,
      );
    }
    if (options.json) printJson(result.counts);
    else process.stdout.write(`✓ 已导入 / imported: ${JSON.stringify(result.counts)}\n`);
  } finally {
    await db.close();
  }
}
