import { sms } from 'tencentcloud-sdk-nodejs-sms';
import type { SmsSettings } from '../settings';
import { channelVariables } from '../settings';
import {
  DeliveryError,
  describeFailure,
  noContact,
  notConfigured,
  say,
  type NotificationChannel,
  type Recipient,
} from './channel';

/** SendSms takes at most 200 numbers per call. */
const numbersPerCall = 200;

/** Tencent's answer for one number: `Code` "Ok" means accepted. */
interface SendStatus {
  PhoneNumber?: string;
  Code?: string;
  Message?: string;
}

/** Tencent wants E.164; an 11-digit mainland number without a country code is +86. */
function e164(phone: string): string {
  if (phone.startsWith('+')) return phone;
  if (phone.startsWith('00')) return `+${phone.slice(2)}`;
  return /^1\d{10}$/.test(phone) ? `+86${phone}` : `+${phone}`;
}

/**
 * SMS through Tencent Cloud's maintained SDK (`tencentcloud-sdk-nodejs-sms`, SendSms of API 2021-01-11), chosen over
 * Aliyun's because its endpoint and protocol are plain settings, so tests point it at a loopback stand-in. China's
 * SMS needs an approved signature and template: the template has one variable, filled with the notification's Chinese
 * text. Recipients without a phone number are skipped; numbers Tencent refuses are retried (only those), and the
 * ones it accepted are recorded so a retry does not text them twice.
 */
export function tencentSmsChannel(settings: SmsSettings | undefined, timeoutMs: number): NotificationChannel {
  const client =
    settings &&
    new sms.v20210111.Client({
      credential: { secretId: settings.secretId, secretKey: settings.secretKey },
      region: settings.region,
      profile: {
        httpProfile: {
          endpoint: new URL(settings.endpoint).host,
          protocol: `${new URL(settings.endpoint).protocol}//`,
          reqTimeout: Math.max(1, Math.ceil(timeoutMs / 1000)),
        },
      },
    });
  return {
    addressesPeople: true,
    async deliver(delivery) {
      if (!settings || !client) throw notConfigured('sms', channelVariables.sms);
      const byNumber = new Map<string, Recipient>();
      for (const recipient of delivery.recipients) if (recipient.phone) byNumber.set(e164(recipient.phone), recipient);
      if (byNumber.size === 0) throw noContact('sms', { zh: '手机号码', en: 'a phone number' });
      const reached: string[] = [];
      const refused: string[] = [];
      const numbers = [...byNumber.keys()];
      for (let start = 0; start < numbers.length; start += numbersPerCall) {
        let statuses: SendStatus[];
        try {
          const answer = await client.SendSms({
            PhoneNumberSet: numbers.slice(start, start + numbersPerCall),
            SmsSdkAppId: settings.appId,
            SignName: settings.signName,
            TemplateId: settings.templateId,
            TemplateParamSet: [delivery.message.zh],
            SessionContext: `${delivery.caseId}/${delivery.notificationId}`,
          });
          statuses = answer.SendStatusSet ?? [];
        } catch (error) {
          throw new DeliveryError(
            'notify.sms-failed',
            say(`短信接口调用失败：${describeFailure(error)}`, `SMS API call failed: ${describeFailure(error)}`),
            { reached, cause: error },
          );
        }
        for (const status of statuses) {
          const recipient = status.PhoneNumber === undefined ? undefined : byNumber.get(status.PhoneNumber);
          if (!recipient) continue;
          if (status.Code === 'Ok') reached.push(recipient.username);
          else refused.push(`${recipient.username}: ${status.Code ?? '?'} ${status.Message ?? ''}`.trim());
        }
      }
      if (refused.length > 0 || reached.length < byNumber.size) {
        throw new DeliveryError(
          'notify.sms-refused',
          say(
            `短信未能发给 ${byNumber.size - reached.length} 位收件人：${refused.join('；') || '无回执'}`,
            `SMS not accepted for ${byNumber.size - reached.length} recipient(s): ${refused.join('; ') || 'no status'}`,
          ),
          { reached },
        );
      }
      return { reached };
    },
  };
}
