import fs from 'node:fs/promises';
import path from 'node:path';
import type { Database } from '../../db/database';
import { say } from '../messages';
import { DirectorySection, directorySections } from '../schemas';
import { importDirectory, type ImportResult } from './import-directory';
import type { ImportSource } from './read-sources';

/** Raised for files the CLI cannot import at all (unreadable, unknown kind); row problems are in the result. */
export class ImportFileError extends Error {
  override readonly name = 'ImportFileError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const csvSections = new Map<string, DirectorySection>(
  DirectorySection.options.map((section) => [directorySections[section].csvName, section]),
);

/**
 * The command-line entry: imports files in one transaction. `*.json` files hold a directory document; a CSV file
 * holds the section its name says (`org-units.csv`, `property-firms.csv`, `departments.csv`,
 * `owners-committees.csv`, `party-branches.csv`, `users.csv`, `memberships.csv`; a prefix such as
 * `2025-jizhou.users.csv` is allowed). Errors name the file and row.
 */
export async function importDirectoryFiles(db: Database, files: readonly string[]): Promise<ImportResult> {
  if (files.length === 0) {
    throw new ImportFileError('directory.no-files', say('未指定要导入的文件', 'no files to import'));
  }
  const sources: ImportSource[] = [];
  for (const file of files) {
    const text = await readText(file);
    const name = path.basename(file);
    if (name.toLowerCase().endsWith('.json')) {
      sources.push({ format: 'json', text, source: name });
      continue;
    }
    const section = csvSectionOf(name);
    if (!section) {
      throw new ImportFileError(
        'directory.unknown-file-kind',
        say(
          `无法判断“${name}”的内容：应为 .json，或以 ${[...csvSections.keys()].map((key) => `${key}.csv`).join('、')} 结尾的 CSV`,
          `cannot tell what "${name}" holds: expected .json or a CSV named ${[...csvSections.keys()].map((key) => `${key}.csv`).join(', ')}`,
        ),
      );
    }
    sources.push({ format: 'csv', section, text, source: name });
  }
  return importDirectory(db, sources);
}

function csvSectionOf(name: string): DirectorySection | undefined {
  const match = /(?:^|[.])([a-z-]+)\.csv$/i.exec(name);
  return match ? csvSections.get((match[1] ?? '').toLowerCase()) : undefined;
}

async function readText(file: string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new ImportFileError(
      'directory.file-unreadable',
      say(`无法读取文件 ${file}`, `cannot read file ${file}`) +
        `: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
