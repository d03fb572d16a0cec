import { z } from 'zod';
import { ProcessDefinition } from './schema';

/** The language's JSON Schema, generated from the zod schema (the single source of truth) for editors and tools. */
export function processDefinitionJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(ProcessDefinition, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://gongzhi.example/schemas/process-definition.schema.json',
    title: 'Gongzhi process definition',
  };
}
