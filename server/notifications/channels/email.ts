import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { SmtpSettings } from '../settings';
import { channelVariables } from '../settings';
import {
  DeliveryError,
  describeFailure,
  noContact,
  notConfigured,
  notificationText,
  say,
  type NotificationChannel,
} from './channel';

/** The bare address of one of nodemailer's accepted recipients (a string or `{ name, address }`). */
function addressOf(address: string | { address: string }): string {
  return typeof address === 'string' ? address : address.address;
}

/**
 * E-mail over SMTP with nodemailer: one message per notification, the recipients in Bcc (they need not see each
 * other's addresses), sent from the deployment's address. Recipients without an e-mail address are skipped. A
 * connection or SMTP failure is retried with backoff; addresses the server rejected are retried, the accepted ones are
 * recorded so a retry does not mail them twice.
 */
export function emailChannel(settings: SmtpSettings | undefined, timeoutMs: number): NotificationChannel {
  const options: SMTPTransport.Options | undefined = settings && {
    host: settings.host,
    port: settings.port,
    secure: settings.port === 465,
    ...(settings.auth && { auth: settings.auth }),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  };
  const transport = options && nodemailer.createTransport(options);
  return {
    addressesPeople: true,
    async deliver(delivery) {
      if (!settings || !transport) throw notConfigured('email', channelVariables.smtp);
      const byAddress = new Map<string, string>();
      for (const recipient of delivery.recipients) {
        if (recipient.email) byAddress.set(recipient.email.toLowerCase(), recipient.username);
      }
      if (byAddress.size === 0) throw noContact('email', { zh: '电子邮件地址', en: 'an e-mail address' });
      let accepted: string[];
      try {
        const info = await transport.sendMail({
          from: settings.from,
          to: settings.from,
          bcc: [...byAddress.keys()],
          subject: `【共治】${delivery.message.zh}`,
          text: notificationText(delivery),
          headers: { 'X-Gongzhi-Notification': `${delivery.caseId}/${delivery.notificationId}` },
        });
        accepted = info.accepted.map(addressOf);
      } catch (error) {
        throw new DeliveryError(
          'notify.email-failed',
          say(`邮件发送失败：${describeFailure(error)}`, `e-mail not sent: ${describeFailure(error)}`),
          { cause: error },
        );
      }
      const reached = accepted
        .map((address) => byAddress.get(address.toLowerCase()))
        .filter((username): username is string => username !== undefined);
      if (reached.length < byAddress.size) {
        throw new DeliveryError(
          'notify.email-rejected',
          say(
            `邮件服务器拒收了 ${byAddress.size - reached.length} 个收件地址`,
            `the mail server rejected ${byAddress.size - reached.length} recipient address(es)`,
          ),
          { reached },
        );
      }
      return { reached };
    },
  };
}
