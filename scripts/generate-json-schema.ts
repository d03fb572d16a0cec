import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { processDefinitionJsonSchema } from '../definitions/json-schema';

/** Writes definitions/process-definition.schema.json; a test fails when it is out of date. */
export const jsonSchemaFile = path.resolve(__dirname, '../definitions/process-definition.schema.json');

async function main(): Promise<void> {
  await writeFile(jsonSchemaFile, `${JSON.stringify(processDefinitionJsonSchema(), null, 2)}\n`);
  process.stdout.write(`wrote ${path.relative(process.cwd(), jsonSchemaFile)}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  });
}
