import path from 'node:path';
import { z } from 'zod';
import { notificationEnvShape, notificationSecretVariables, notificationSettings } from './notifications/settings';
import { defaultMaxAttachmentBytes, maxAttachmentBytes } from '../definitions/attachment-ref';

/** A message a person reads: Chinese first, English beside. */
const say = (zh: string, en: string) => `${zh} / ${en}`;

/** Unset and blank (`PORT=`) both mean "use the default". */
const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

const isPort = (value: string, min: number) =>
  /^\d{1,5}$/.test(value) && Number(value) >= min && Number(value) <= 65535;

const port = (min: number) =>
  z
    .string()
    .trim()
    .refine((value) => isPort(value, min), {
      error: say(`应为 ${min} 到 65535 之间的整数`, `expected an integer from ${min} to 65535`),
    })
    .transform(Number);

/** `host:port` or `[ipv6]:port`, no scheme: the form Temporal's gRPC clients take. */
const hostPort = z
  .string()
  .trim()
  .refine(
    (value) => {
      const match = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9][A-Za-z0-9.-]*):(\d+)$/.exec(value);
      return match !== null && isPort(match[2] ?? '', 1);
    },
    {
      error: say(
        '应为 host:port（不带 http:// 等前缀），例如 localhost:7233',
        'expected host:port without a scheme, e.g. localhost:7233',
      ),
    },
  );

const postgresUrl = z
  .string()
  .trim()
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
      } catch {
        return false;
      }
    },
    {
      error: say(
        '应为 postgres://user:password@host:5432/db 形式的 URL',
        'expected a URL like postgres://user:password@host:5432/db',
      ),
    },
  );

/** A Temporal namespace or task queue name: letters, digits, `.`, `_`, `-`. */
const name = (zh: string, en: string) =>
  z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/, {
      error: say(`${zh}只能包含字母、数字和 . _ -`, `expected a ${en} of letters, digits and . _ - only`),
    });

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const env = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema);

/**
 * The environment variables Gongzhi reads, validated and converted. Kept as one schema so every bad value is reported
 * at once, at startup, naming the variable — instead of failing later somewhere deep in the server.
 */
export const GongzhiEnv = z
  .object({
    /** Where cases, the embedded Temporal sqlite file and `temporal.json` live; resolved against the cwd. */
    GONGZHI_DATA_DIR: env(z.string().default('./data')).transform((dir) => path.resolve(dir)),
    /**
     * What this process runs: `all` (default — API, worker and outbox dispatcher, as `npm start`), `api` (the HTTP API
     * and designer only) or `worker` (the case worker and the outbox dispatcher, with `/healthz` and `/readyz` on
     * PORT). A split deployment shares one PostgreSQL (DATABASE_URL) and one Temporal (TEMPORAL_ADDRESS).
     */
    GONGZHI_PROCESS: env(
      z
        .enum(['all', 'api', 'worker'], { error: say('应为 all、api 或 worker', 'expected all, api or worker') })
        .default('all'),
    ),
    /** HTTP port of the Gongzhi server (0 = any free port). */
    PORT: env(port(0).default(3000)),
    /** The address the HTTP server binds: loopback by default; `0.0.0.0` (or an interface) behind a reverse proxy. */
    HOST: env(
      z
        .string()
        .trim()
        .regex(/^(?:[0-9]{1,3}(?:\.[0-9]{1,3}){3}|[0-9a-fA-F:]+|[A-Za-z0-9][A-Za-z0-9.-]*)$/, {
          error: say('应为 IP 地址或主机名，例如 127.0.0.1 或 0.0.0.0', 'expected an IP address or host name'),
        })
        .default('127.0.0.1'),
    ),
    /**
     * Which proxies' `X-Forwarded-For` to believe (Express `trust proxy`): `off` (default: the socket's address is the
     * client's), a number of hops, or comma-separated addresses/subnets (`loopback`, `10.0.0.0/8`). The login
     * throttle and the write rate limit key on the client address this yields.
     */
    GONGZHI_TRUST_PROXY: env(
      z
        .string()
        .trim()
        .regex(/^(?:off|[0-9]{1,2}|[A-Za-z0-9.:/_-]+(?:\s*,\s*[A-Za-z0-9.:/_-]+)*)$/, {
          error: say('应为 off、跳数或地址列表', 'expected off, a hop count or a list of addresses'),
        })
        .default('off'),
    ),
    /** How long one API request may wait for Temporal before answering 503 `temporal.unavailable`. */
    GONGZHI_TEMPORAL_TIMEOUT_MS: env(z.coerce.number().int().min(100).max(300_000).default(10_000)),
    /** 三率: how much a 基本满意 callback counts towards the satisfaction rate, in percent of a 满意. */
    GONGZHI_KPI_BASICALLY_SATISFIED_WEIGHT: env(z.coerce.number().int().min(0).max(100).default(100)),
    /** 三率: whether assignments whose objection was upheld leave the response-rate base. */
    GONGZHI_KPI_EXCLUDE_UPHELD_OBJECTIONS: env(
      z.enum(['on', 'off'], { error: say('应为 on 或 off', 'expected on or off') }).default('on'),
    ),
    /** Writes (POST/PUT/DELETE) one signed-in user may make per minute; more answer 429 with `Retry-After`. */
    GONGZHI_WRITE_RATE_LIMIT: env(z.coerce.number().int().min(1).max(1_000_000).default(120)),
    /** An existing Temporal frontend; when set, no embedded dev server is started. */
    TEMPORAL_ADDRESS: env(hostPort.optional()),
    TEMPORAL_NAMESPACE: env(name('命名空间', 'namespace').default('default')),
    /** A PostgreSQL server; absent means PGlite embedded under `<GONGZHI_DATA_DIR>/pglite`. */
    DATABASE_URL: env(postgresUrl.optional()),
    /** Fixed ports for the embedded dev server's frontend and Web UI; absent means free ports. */
    GONGZHI_TEMPORAL_PORT: env(port(1).optional()),
    GONGZHI_TEMPORAL_UI_PORT: env(port(1).optional()),
    GONGZHI_TASK_QUEUE: env(name('任务队列', 'task queue').default('gongzhi-cases')),
    /** HS256 key for API tokens (≥ 32 bytes); absent means one generated and kept in `<GONGZHI_DATA_DIR>/jwt-secret`. */
    GONGZHI_JWT_SECRET: env(
      z
        .string()
        .min(32, { error: say('至少 32 个字符', 'at least 32 characters') })
        .optional(),
    ),
    GONGZHI_TOKEN_TTL_SECONDS: env(z.coerce.number().int().min(60).max(86_400).default(900)),
    GONGZHI_JWT_ISSUER: env(name('签发者', 'issuer').default('gongzhi')),
    /**
     * Optional OIDC: tokens whose `iss` is this issuer are verified against its JWKS (discovered from
     * `/.well-known/openid-configuration` unless GONGZHI_OIDC_JWKS_URL is given); the username claim must name a user
     * of Gongzhi's directory, whose memberships decide what they may do.
     */
    GONGZHI_OIDC_ISSUER: env(z.url({ protocol: /^https?$/ }).optional()),
    GONGZHI_OIDC_AUDIENCE: env(z.string().min(1).max(200).optional()),
    GONGZHI_OIDC_JWKS_URL: env(z.url({ protocol: /^https?$/ }).optional()),
    GONGZHI_OIDC_USERNAME_CLAIM: env(z.string().min(1).max(100).default('preferred_username')),
    /** Load the demo org directory and users into an empty database; `off` for real deployments. */
    GONGZHI_DEMO: env(z.enum(['on', 'off'], { error: say('应为 on 或 off', 'expected on or off') }).default('on')),
    /** Largest attachment accepted, in bytes (20 MiB by default, at most 100 MiB). */
    GONGZHI_ATTACHMENTS_MAX_BYTES: env(
      z.coerce.number().int().min(1).max(maxAttachmentBytes).default(defaultMaxAttachmentBytes),
    ),
    /**
     * An S3-compatible object store for attachment bytes (MinIO, a cloud's S3): set the bucket to use it; absent, the
     * bytes stay in Gongzhi's database. The endpoint is optional for AWS itself; keys absent mean the SDK's default
     * credential chain.
     */
    GONGZHI_ATTACHMENTS_S3_ENDPOINT: env(z.url({ protocol: /^https?$/ }).optional()),
    GONGZHI_ATTACHMENTS_S3_BUCKET: env(
      z
        .string()
        .trim()
        .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { error: say('存储桶名称不合规', 'expected an S3 bucket name') })
        .optional(),
    ),
    GONGZHI_ATTACHMENTS_S3_REGION: env(z.string().trim().min(1).max(100).default('us-east-1')),
    GONGZHI_ATTACHMENTS_S3_ACCESS_KEY_ID: env(z.string().trim().min(1).max(200).optional()),
    GONGZHI_ATTACHMENTS_S3_SECRET_ACCESS_KEY: env(z.string().min(1).max(200).optional()),
    LOG_LEVEL: env(
      z
        .enum(logLevels, { error: say(`应为 ${logLevels.join('、')} 之一`, `expected one of ${logLevels.join(', ')}`) })
        .default('info'),
    ),
    /** The notification outbox's dispatcher and channels (server/notifications/settings.ts). */
    ...notificationEnvShape,
  })
  .refine((v) => v.GONGZHI_PROCESS === 'all' || v.DATABASE_URL !== undefined, {
    path: ['DATABASE_URL'],
    error: say(
      'GONGZHI_PROCESS 为 api 或 worker 时须设置：各进程共用一个 PostgreSQL（内嵌的 PGlite 只属于一个进程）',
      'required when GONGZHI_PROCESS is api or worker: the processes share one PostgreSQL (embedded PGlite belongs to one process)',
    ),
  })
  .refine((v) => v.GONGZHI_PROCESS === 'all' || v.TEMPORAL_ADDRESS !== undefined, {
    path: ['TEMPORAL_ADDRESS'],
    error: say(
      'GONGZHI_PROCESS 为 api 或 worker 时须设置：各进程共用一个 Temporal（内嵌的开发服务器只属于一个进程）',
      'required when GONGZHI_PROCESS is api or worker: the processes share one Temporal (the embedded dev server belongs to one process)',
    ),
  })
  .refine((v) => v.GONGZHI_OIDC_ISSUER === undefined || v.GONGZHI_OIDC_AUDIENCE !== undefined, {
    path: ['GONGZHI_OIDC_AUDIENCE'],
    error: say('设置了 GONGZHI_OIDC_ISSUER 时必须设置受众', 'required when GONGZHI_OIDC_ISSUER is set'),
  })
  .refine((v) => v.GONGZHI_ATTACHMENTS_S3_ENDPOINT === undefined || v.GONGZHI_ATTACHMENTS_S3_BUCKET !== undefined, {
    path: ['GONGZHI_ATTACHMENTS_S3_BUCKET'],
    error: say(
      '设置了 GONGZHI_ATTACHMENTS_S3_ENDPOINT 时必须设置存储桶',
      'required when GONGZHI_ATTACHMENTS_S3_ENDPOINT is set',
    ),
  })
  .refine(
    (v) =>
      (v.GONGZHI_ATTACHMENTS_S3_ACCESS_KEY_ID === undefined) ===
      (v.GONGZHI_ATTACHMENTS_S3_SECRET_ACCESS_KEY === undefined),
    {
      path: ['GONGZHI_ATTACHMENTS_S3_SECRET_ACCESS_KEY'],
      error: say('访问密钥 ID 与密钥须同时设置', 'set both the access key id and the secret access key, or neither'),
    },
  );

/** `GONGZHI_TRUST_PROXY` as Express's `trust proxy` value: false, a hop count, or a list of addresses. */
function trustProxySetting(value: string): boolean | number | string {
  if (value === 'off') return false;
  return /^[0-9]+$/.test(value) ? Number(value) : value;
}

/** Thrown by {@link loadConfig}; `problems` has one bilingual line per bad variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(readonly problems: readonly string[]) {
    super(
      ['配置无效（环境变量）/ Invalid configuration (environment variables):', ...problems.map((p) => `  - ${p}`)].join(
        '\n',
      ),
    );
  }
}

/** Variables whose values may hold secrets and so are never echoed in errors. */
const secret = new Set<string>([
  'DATABASE_URL',
  'GONGZHI_JWT_SECRET',
  'GONGZHI_ATTACHMENTS_S3_SECRET_ACCESS_KEY',
  ...notificationSecretVariables,
]);

function describeValue(variable: string, value: unknown): string {
  if (value === undefined) return variable;
  return secret.has(variable) ? `${variable}=<已隐藏 / hidden>` : `${variable}=${JSON.stringify(value)}`;
}

/**
 * Reads Gongzhi's settings from the environment, applying defaults. Throws a {@link ConfigError} listing every bad
 * variable, so a person can fix them all in one go.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const input = Object.fromEntries(Object.keys(GongzhiEnv.shape).map((key) => [key, env[key]]));
  const parsed = GongzhiEnv.safeParse(input);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const variable = String(issue.path[0] ?? '?');
        return `${describeValue(variable, input[variable])}: ${issue.message}`;
      }),
    );
  }
  const v = parsed.data;
  return {
    dataDir: v.GONGZHI_DATA_DIR,
    processRole: v.GONGZHI_PROCESS,
    port: v.PORT,
    host: v.HOST,
    trustProxy: trustProxySetting(v.GONGZHI_TRUST_PROXY),
    temporalTimeoutMs: v.GONGZHI_TEMPORAL_TIMEOUT_MS,
    writeRateLimit: v.GONGZHI_WRITE_RATE_LIMIT,
    kpiSettings: {
      basicallySatisfiedWeightPercent: v.GONGZHI_KPI_BASICALLY_SATISFIED_WEIGHT,
      excludeUpheldObjections: v.GONGZHI_KPI_EXCLUDE_UPHELD_OBJECTIONS === 'on',
    },
    ...(v.TEMPORAL_ADDRESS !== undefined && { temporalAddress: v.TEMPORAL_ADDRESS }),
    temporalNamespace: v.TEMPORAL_NAMESPACE,
    ...(v.DATABASE_URL !== undefined && { databaseUrl: v.DATABASE_URL }),
    ...(v.GONGZHI_TEMPORAL_PORT !== undefined && { temporalPort: v.GONGZHI_TEMPORAL_PORT }),
    ...(v.GONGZHI_TEMPORAL_UI_PORT !== undefined && { temporalUiPort: v.GONGZHI_TEMPORAL_UI_PORT }),
    taskQueue: v.GONGZHI_TASK_QUEUE,
    demo: v.GONGZHI_DEMO === 'on',
    ...(v.GONGZHI_JWT_SECRET !== undefined && { jwtSecret: v.GONGZHI_JWT_SECRET }),
    tokenTtlSeconds: v.GONGZHI_TOKEN_TTL_SECONDS,
    jwtIssuer: v.GONGZHI_JWT_ISSUER,
    logLevel: v.LOG_LEVEL,
    notifications: notificationSettings(v),
    attachments: {
      maxBytes: v.GONGZHI_ATTACHMENTS_MAX_BYTES,
      ...(v.GONGZHI_ATTACHMENTS_S3_BUCKET !== undefined && {
        s3: {
          bucket: v.GONGZHI_ATTACHMENTS_S3_BUCKET,
          region: v.GONGZHI_ATTACHMENTS_S3_REGION,
          ...(v.GONGZHI_ATTACHMENTS_S3_ENDPOINT !== undefined && { endpoint: v.GONGZHI_ATTACHMENTS_S3_ENDPOINT }),
          ...(v.GONGZHI_ATTACHMENTS_S3_ACCESS_KEY_ID !== undefined &&
            v.GONGZHI_ATTACHMENTS_S3_SECRET_ACCESS_KEY !== undefined && {
              credentials: {
                accessKeyId: v.GONGZHI_ATTACHMENTS_S3_ACCESS_KEY_ID,
                secretAccessKey: v.GONGZHI_ATTACHMENTS_S3_SECRET_ACCESS_KEY,
              },
            }),
        },
      }),
    },
    ...(v.GONGZHI_OIDC_ISSUER !== undefined && {
      oidc: {
        issuer: v.GONGZHI_OIDC_ISSUER,
        audience: v.GONGZHI_OIDC_AUDIENCE ?? '',
        ...(v.GONGZHI_OIDC_JWKS_URL !== undefined && { jwksUrl: v.GONGZHI_OIDC_JWKS_URL }),
        usernameClaim: v.GONGZHI_OIDC_USERNAME_CLAIM,
      },
    }),
  };
}

/** Gongzhi's validated settings (see {@link GongzhiEnv} for the variable behind each field). */
export type GongzhiConfig = ReturnType<typeof loadConfig>;
