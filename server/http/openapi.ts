import { z } from 'zod';
import type { ApiOperation } from './api-operation';
import { ErrorBody } from './error-body';

type JsonSchema = Record<string, unknown>;

/** JSON Schema (2020-12, the dialect OpenAPI 3.1 uses) of what a client sends or receives. */
function schemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

/** `/api/templates/:key` → `/api/templates/{key}`. */
function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z][A-Za-z0-9]*)/g, '{$1}');
}

function parameters(operation: ApiOperation): JsonSchema[] {
  const list: JsonSchema[] = [];
  for (const [location, object] of [
    ['path', operation.params],
    ['query', operation.query],
  ] as const) {
    if (!object) continue;
    const shape = schemaOf(object, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [name, schema] of Object.entries(shape.properties ?? {})) {
      list.push({
        name,
        in: location,
        required: location === 'path' || (shape.required ?? []).includes(name),
        schema,
        ...(typeof schema.description === 'string' && { description: schema.description }),
        ...(operation.examples?.parameters?.[name] !== undefined && { example: operation.examples.parameters[name] }),
      });
    }
  }
  for (const [name, description] of Object.entries(operation.headers ?? {})) {
    list.push({ name, in: 'header', required: false, description, schema: { type: 'string' } });
  }
  return list;
}

/** Adds `codes` to the codes documented for `status`, keeping each once. */
function add(errors: Record<number, string[]>, status: number, codes: readonly string[]): void {
  errors[status] = [...new Set([...(errors[status] ?? []), ...codes])];
}

/**
 * The error answers every operation of a kind can give besides its own: bad input (400), no or bad token (401), an
 * unknown path (404), bodies too large or not JSON (413, 415), values the database refused (422), the write rate
 * limit (429) and an unavailable database or Temporal (503, with `Retry-After`).
 */
export function allErrors(operation: ApiOperation): Record<number, string[]> {
  const errors: Record<number, string[]> = {};
  for (const [status, codes] of Object.entries(operation.errors ?? {})) add(errors, Number(status), codes);
  if (operation.params || operation.query || operation.body) add(errors, 400, ['request.invalid']);
  if (operation.authenticated !== false) {
    add(errors, 401, ['auth.missing-token', 'auth.invalid-token', 'auth.expired-token', 'auth.session-ended']);
  }
  if (operation.params) add(errors, 404, ['route.not-found']);
  if (operation.body) {
    add(errors, 400, ['request.malformed-json']);
    add(errors, 413, ['request.too-large']);
    add(errors, 415, ['request.unsupported-media-type', 'request.unsupported-encoding']);
  }
  if (operation.method !== 'get' && operation.authenticated !== false) add(errors, 429, ['request.rate-limited']);
  if (operation.usesBackends !== false) {
    add(errors, 422, ['request.value-rejected']);
    add(errors, 503, [
      'database.unavailable',
      ...(operation.tag === 'cases' || operation.tag === 'audit' ? ['temporal.unavailable'] : []),
    ]);
  }
  return errors;
}

function content(schema: JsonSchema, contentType = 'application/json'): JsonSchema {
  return { [contentType]: { schema } };
}

function responses(operation: ApiOperation): JsonSchema {
  const result: JsonSchema = {};
  for (const [status, response] of Object.entries(operation.responses)) {
    const alternatives = Object.fromEntries(
      Object.entries(response.alternatives ?? {}).map(([type, description]) => [
        type,
        { schema: { type: 'string', description } },
      ]),
    );
    const main = response.body
      ? content(schemaOf(response.body, 'output'), response.contentType)
      : response.contentType
        ? content({ type: 'string' }, response.contentType)
        : {};
    result[status] = {
      description: response.description,
      ...((response.body || response.contentType) && { content: { ...main, ...alternatives } }),
    };
  }
  const errors = allErrors(operation);
  for (const [status, codes] of Object.entries(errors)) {
    result[status] = {
      description: `错误码 / error codes: ${codes.join(', ')}`,
      content: content({ $ref: '#/components/schemas/Error' }),
      ...((status === '503' || status === '429') && {
        headers: { 'Retry-After': { description: '稍后重试的秒数 / seconds to wait', schema: { type: 'string' } } },
      }),
    };
  }
  return result;
}

/**
 * The OpenAPI 3.1 document of Gongzhi's API, generated from the operations each route module declares with the same
 * zod schemas that parse its requests — served at `/api/openapi.json`, rendered by `/api/docs`.
 */
export function buildOpenApiDocument(operations: readonly ApiOperation[], version: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const operation of operations) {
    const path = openApiPath(operation.path);
    paths[path] ??= {};
    paths[path][operation.method] = {
      tags: [operation.tag],
      summary: operation.summary,
      operationId: `${operation.method}${path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string = '') => c.toUpperCase())}`,
      ...(operation.authenticated === false ? { security: [] } : {}),
      parameters: parameters(operation),
      ...(operation.body && {
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: schemaOf(operation.body, 'input'),
              ...(operation.examples?.body !== undefined && { example: operation.examples.body }),
            },
          },
        },
      }),
      ...(operation.binaryBody && {
        requestBody: {
          required: true,
          description: operation.binaryBody.description,
          content: Object.fromEntries(
            operation.binaryBody.contentTypes.map((type) => [
              type,
              { schema: { type: 'string', format: 'binary', contentMediaType: type } },
            ]),
          ),
        },
      }),
      responses: responses(operation),
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: '共治 Gongzhi API',
      version,
      description:
        '社区治理流程引擎的 HTTP API。错误体为 { code, message, details }，message 中文在前、英文在后。 / ' +
        'The HTTP API of the Gongzhi governance-process engine. Errors are { code, message, details }.',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { Error: schemaOf(ErrorBody, 'output') },
    },
    paths,
  };
}
