import { z } from 'zod';

/** A message a person reads: Chinese first, English beside. */
const say = (zh: string, en: string) => `${zh} / ${en}`;

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const env = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema);
const httpUrl = z.url({ protocol: /^https?$/, error: say('应为 http(s):// 开头的 URL', 'expected an http(s):// URL') });
const text = (max: number) => z.string().trim().min(1).max(max);

/**
 * The environment variables of the notification outbox and its channels (merged into `GongzhiEnv` in
 * server/config.ts). Provider secrets live here — per deployment — and never in templates: a template only names the
 * channel. A channel whose settings are absent is not an error at startup; its notifications are dead-lettered with a
 * reason saying which variables to set.
 */
export const notificationEnvShape = {
  /** `off`: this process runs no dispatcher (e.g. API-only instances); the others deliver. */
  GONGZHI_NOTIFY_DISPATCHER: env(
    z.enum(['on', 'off'], { error: say('应为 on 或 off', 'expected on or off') }).default('on'),
  ),
  /** Delivery attempts before a notification is dead-lettered. */
  GONGZHI_NOTIFY_MAX_ATTEMPTS: env(z.coerce.number().int().min(1).max(50).default(6)),
  /** How often an idle dispatcher polls for due rows. */
  GONGZHI_NOTIFY_POLL_MS: env(z.coerce.number().int().min(10).max(60_000).default(1000)),
  /** First retry delay; doubled per attempt, capped at one hour. */
  GONGZHI_NOTIFY_RETRY_BASE_MS: env(z.coerce.number().int().min(10).max(3_600_000).default(10_000)),
  /** 企业微信群机器人 webhook, `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…` (the key is a secret). */
  GONGZHI_WECOM_WEBHOOK_URL: env(httpUrl.optional()),
  /** Tencent Cloud SMS (`tencentcloud-sdk-nodejs-sms`, API 2021-01-11): credentials, app, signature and template. */
  GONGZHI_SMS_SECRET_ID: env(text(200).optional()),
  GONGZHI_SMS_SECRET_KEY: env(text(200).optional()),
  GONGZHI_SMS_APP_ID: env(text(64).optional()),
  GONGZHI_SMS_SIGN_NAME: env(text(64).optional()),
  /** An approved template with one variable `{1}`: it receives the notification's Chinese text. */
  GONGZHI_SMS_TEMPLATE_ID: env(text(64).optional()),
  GONGZHI_SMS_REGION: env(text(64).default('ap-guangzhou')),
  /** The API endpoint; the default is Tencent Cloud's, tests point it at a loopback stand-in. */
  GONGZHI_SMS_ENDPOINT: env(httpUrl.default('https://sms.tencentcloudapi.com')),
  /** SMTP for e-mail (nodemailer). Port 465 means implicit TLS; others use STARTTLS when the server offers it. */
  GONGZHI_SMTP_HOST: env(text(255).optional()),
  GONGZHI_SMTP_PORT: env(z.coerce.number().int().min(1).max(65_535).default(587)),
  GONGZHI_SMTP_USER: env(text(255).optional()),
  GONGZHI_SMTP_PASSWORD: env(z.string().min(1).max(255).optional()),
  GONGZHI_SMTP_FROM: env(z.email({ error: say('应为电子邮件地址', 'expected an e-mail address') }).optional()),
};

/** Variables that hold secrets (never echoed in configuration errors). */
export const notificationSecretVariables = [
  'GONGZHI_WECOM_WEBHOOK_URL',
  'GONGZHI_SMS_SECRET_KEY',
  'GONGZHI_SMTP_PASSWORD',
] as const;

/** The parsed notification variables. */
type NotificationEnv = z.infer<z.ZodObject<typeof notificationEnvShape>>;

/** WeCom group-robot settings. */
export interface WecomSettings {
  webhookUrl: string;
}

/** Tencent Cloud SMS settings. */
export interface SmsSettings {
  secretId: string;
  secretKey: string;
  appId: string;
  signName: string;
  templateId: string;
  region: string;
  endpoint: string;
}

/** SMTP settings. */
export interface SmtpSettings {
  host: string;
  port: number;
  from: string;
  auth?: { user: string; pass: string };
}

/** Each channel's settings, absent when the deployment has not configured it. */
export interface ChannelSettings {
  wecom?: WecomSettings;
  sms?: SmsSettings;
  smtp?: SmtpSettings;
}

/** The dispatcher's settings and the channels', as {@link notificationSettings} derives them. */
export interface NotificationSettings {
  dispatcher: boolean;
  maxAttempts: number;
  pollIntervalMs: number;
  retryBaseMs: number;
  channels: ChannelSettings;
}

/** The variables each channel needs, for the "not configured" reason a dead-lettered row carries. */
export const channelVariables = {
  wecom: ['GONGZHI_WECOM_WEBHOOK_URL'],
  sms: [
    'GONGZHI_SMS_SECRET_ID',
    'GONGZHI_SMS_SECRET_KEY',
    'GONGZHI_SMS_APP_ID',
    'GONGZHI_SMS_SIGN_NAME',
    'GONGZHI_SMS_TEMPLATE_ID',
  ],
  smtp: ['GONGZHI_SMTP_HOST', 'GONGZHI_SMTP_FROM'],
} as const;

/**
 * The settings of the parsed variables. A channel counts as configured only when every variable it needs is set; a
 * half-configured one (say, an SMS key without a template) is treated as not configured, and the reason names all
 * of its variables.
 */
export function notificationSettings(v: NotificationEnv): NotificationSettings {
  const sms =
    v.GONGZHI_SMS_SECRET_ID &&
    v.GONGZHI_SMS_SECRET_KEY &&
    v.GONGZHI_SMS_APP_ID &&
    v.GONGZHI_SMS_SIGN_NAME &&
    v.GONGZHI_SMS_TEMPLATE_ID
      ? {
          secretId: v.GONGZHI_SMS_SECRET_ID,
          secretKey: v.GONGZHI_SMS_SECRET_KEY,
          appId: v.GONGZHI_SMS_APP_ID,
          signName: v.GONGZHI_SMS_SIGN_NAME,
          templateId: v.GONGZHI_SMS_TEMPLATE_ID,
          region: v.GONGZHI_SMS_REGION,
          endpoint: v.GONGZHI_SMS_ENDPOINT,
        }
      : undefined;
  const smtp =
    v.GONGZHI_SMTP_HOST && v.GONGZHI_SMTP_FROM
      ? {
          host: v.GONGZHI_SMTP_HOST,
          port: v.GONGZHI_SMTP_PORT,
          from: v.GONGZHI_SMTP_FROM,
          ...(v.GONGZHI_SMTP_USER &&
            v.GONGZHI_SMTP_PASSWORD && { auth: { user: v.GONGZHI_SMTP_USER, pass: v.GONGZHI_SMTP_PASSWORD } }),
        }
      : undefined;
  return {
    dispatcher: v.GONGZHI_NOTIFY_DISPATCHER === 'on',
    maxAttempts: v.GONGZHI_NOTIFY_MAX_ATTEMPTS,
    pollIntervalMs: v.GONGZHI_NOTIFY_POLL_MS,
    retryBaseMs: v.GONGZHI_NOTIFY_RETRY_BASE_MS,
    channels: {
      ...(v.GONGZHI_WECOM_WEBHOOK_URL && { wecom: { webhookUrl: v.GONGZHI_WECOM_WEBHOOK_URL } }),
      ...(sms && { sms }),
      ...(smtp && { smtp }),
    },
  };
}
