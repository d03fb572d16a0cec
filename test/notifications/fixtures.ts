import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { Queryable } from '../../server/db/database';
import type { NotificationRecord } from '../../server/notifications/outbox-store';

export const community = 'jian/jizhou/gunan/taoshuxia';
export const district = 'jian/jizhou';

/**
 * A small directory for the outbox: two community staff with contact details, one without, a disabled one, a
 * district admin, and a 城管 department member (role `dept-chengguan` at the district).
 */
export async function seedDirectory(db: Queryable): Promise<void> {
  await db.query(
    `INSERT INTO org_units (path, parent_path, level, name) VALUES
       ('jian', NULL, 'city', '吉安市'), ('jian/jizhou', 'jian', 'district', '吉州区'),
       ('jian/jizhou/gunan', 'jian/jizhou', 'street', '古南街道'),
       ('jian/jizhou/gunan/taoshuxia', 'jian/jizhou/gunan', 'community', '桃树下社区')`,
  );
  await db.query(
    `INSERT INTO departments (id, org_unit, kind, name) VALUES ('jz-cg', 'jian/jizhou', 'chengguan', '城管局')`,
  );
  await db.query(
    `INSERT INTO users (username, display_name, disabled) VALUES
       ('chen', '陈晓', false), ('he', '何庆芳', false), ('wu', '吴无号', false), ('old', '离职者', true),
       ('fu', '傅先志', false), ('lin', '林城管', false)`,
  );
  await db.query(
    `INSERT INTO memberships (username, role, org_unit, department_id) VALUES
       ('chen', 'community-staff', $1, NULL), ('he', 'community-staff', $1, NULL), ('wu', 'community-staff', $1, NULL),
       ('old', 'community-staff', $1, NULL), ('fu', 'district-admin', $2, NULL),
       ('lin', 'department-member', $2, 'jz-cg')`,
    [community, district],
  );
  await db.query(
    `INSERT INTO user_contacts (username, phone, email) VALUES
       ('chen', '13800000001', 'chen@example.test'), ('he', '+8613800000002', 'he@example.test'),
       ('lin', '13800000003', NULL)`,
  );
}

/** A notification for the community staff (override anything). */
export function staffNotification(n: number, fields: Partial<NotificationRecord> = {}): NotificationRecord {
  return {
    caseId: `case-${Math.floor(n / 10)}`,
    notificationId: `n${n}`,
    channel: 'in-app',
    reason: 'node',
    nodeId: 'notify-staff',
    recipientRole: 'community-staff',
    recipientUnit: community,
    message: { zh: `请处理 ${n}`, en: `Please handle ${n}` },
    ...fields,
  };
}

/** A loopback HTTP server answering every request with `answer`; it records method, path, headers and JSON body. */
export async function startHttpStandIn(answer: (body: unknown) => { status: number; body: unknown }): Promise<{
  url: string;
  requests: { path: string; headers: http.IncomingHttpHeaders; body: unknown }[];
  close(): Promise<void>;
}> {
  const requests: { path: string; headers: http.IncomingHttpHeaders; body: unknown }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
      requests.push({ path: req.url ?? '', headers: req.headers, body });
      const reply = answer(body);
      res.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.body));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A loopback SMTP server (no TLS, no auth) keeping every message's envelope and text; `reject` refuses addresses. */
export async function startSmtpStandIn(reject: (address: string) => boolean = () => false) {
  const messages: { from: string; to: string[]; data: string }[] = [];
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      callback(reject(address.address) ? new Error('550 no such mailbox') : undefined);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          data: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  return {
    port: (server.server.address() as AddressInfo).port,
    messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
