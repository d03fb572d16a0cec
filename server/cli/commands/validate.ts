import { isValid, validateDefinition } from '../../../definitions/validate';
import { readDefinitionFile, TemplateError } from '../../templates/built-in';
import { CliError, printJson } from '../output';

/** `gongzhi validate <file>`: prints every issue; exit code 1 when any is an error. */
export async function validateCommand(file: string | undefined, options: { json?: boolean }): Promise<void> {
  if (!file) throw new CliError('cli.usage', '用法 / usage: gongzhi validate <definition.json>', 2);
  let raw: unknown;
  try {
    raw = await readDefinitionFile(file);
  } catch (error) {
    if (error instanceof TemplateError) throw new CliError(error.code, error.message);
    throw error;
  }
  const { issues } = validateDefinition(raw);
  if (options.json) printJson({ valid: isValid(issues), issues });
  else if (issues.length === 0) process.stdout.write(`✓ ${file}: 有效 / valid\n`);
  else {
    for (const found of issues) {
      const where = found.nodeId
        ? ` [${found.nodeId}]`
        : found.edge
          ? ` [${found.edge.from}.${found.edge.outcome}]`
          : '';
      process.stdout.write(`${found.severity === 'error' ? '✗' : '!'} ${found.code}${where}: ${found.message}\n`);
    }
  }
  if (!isValid(issues))
    throw new CliError('definition.invalid', `${file}: ${issues.length} 个问题 / ${issues.length} issue(s)`, 1);
}
