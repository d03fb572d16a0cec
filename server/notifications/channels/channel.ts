import type { OutboxChannel } from '../schemas';

/** A person a notification is for, with the contact details the per-person channels need (from `user_contacts`). */
export interface Recipient {
  username: string;
  displayName: string;
  phone?: string;
  email?: string;
}

/** One claimed outbox row, ready to deliver. */
export interface Delivery {
  id: number;
  caseId: string;
  notificationId: string;
  channel: OutboxChannel;
  reason: string;
  nodeId: string;
  recipientRole: string;
  recipientUnit: string;
  message: { zh: string; en: string };
  /** The recipients not reached yet (an earlier attempt may have reached some of them). */
  recipients: Recipient[];
}

/** What a delivery achieved: the usernames it reached (per-person channels), so a retry skips them. */
export interface DeliveryReport {
  reached: string[];
}

/**
 * A delivery that failed. `permanent`: retrying cannot help (channel not configured, nobody with a phone number), so
 * the row goes to the dead letters at once; otherwise it is retried with backoff. `reached`: recipients this attempt
 * did reach before failing. The message is Chinese first, English beside it: admins read it on dead-lettered rows.
 */
export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';

  constructor(
    readonly code: string,
    message: string,
    readonly options: { permanent?: boolean; reached?: string[]; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
  }

  get permanent(): boolean {
    return this.options.permanent ?? false;
  }

  get reached(): string[] {
    return this.options.reached ?? [];
  }
}

/** One way of delivering notifications. */
export interface NotificationChannel {
  /**
   * True when the channel addresses people one by one (in-app, SMS, e-mail): a notification whose role nobody holds
   * cannot be delivered. False for a group robot that posts to one chat.
   */
  readonly addressesPeople: boolean;
  /** Delivers once; resolves with who was reached, or throws a {@link DeliveryError}. */
  deliver(delivery: Delivery): Promise<DeliveryReport>;
}

/** The registry shape: one channel per outbox channel. */
export type ChannelRegistry = Record<OutboxChannel, NotificationChannel>;

/** A message a person reads: Chinese first, English beside. */
export const say = (zh: string, en: string): string => `${zh} / ${en}`;

/** The text a channel sends: both languages and the case it belongs to. */
export function notificationText(delivery: Delivery): string {
  return `【共治】${delivery.message.zh}（案件 ${delivery.caseId}）\n${delivery.message.en} (case ${delivery.caseId})`;
}

/** The error a channel without settings answers with: it names the variables to set. */
export function notConfigured(channel: string, variables: readonly string[]): DeliveryError {
  return new DeliveryError(
    'notify.channel-not-configured',
    say(
      `通知渠道“${channel}”未配置：请设置环境变量 ${variables.join('、')} 后重试`,
      `notification channel "${channel}" is not configured: set ${variables.join(', ')} and retry`,
    ),
    { permanent: true },
  );
}

/** The error of a per-person channel when none of the recipients has the contact detail it needs. */
export function noContact(channel: string, detail: { zh: string; en: string }): DeliveryError {
  return new DeliveryError(
    'notify.no-contact',
    say(
      `收件人都没有登记${detail.zh}，无法通过“${channel}”送达`,
      `no recipient has ${detail.en} on file for "${channel}"`,
    ),
    { permanent: true },
  );
}

/** A short description of an unknown failure, for `last_error`. */
export function describeFailure(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
