import { z } from 'zod';
import { AttachmentRef } from '../../definitions/attachment-ref';
import { LocalizedText } from '../../definitions/common';
import { Art278Item, Channel, Choice, MatterClass, RuleSetId } from '../../definitions/vote';
import { SafeText } from '../http/bounds';

/**
 * The ballot-casting API of the owners' vote (issue 12 §1, §3): request and response shapes of every route, pure (zod
 * and the language only) so the owner's ballot page and the staff pages parse with them too. The routes:
 *
 * Public, no login (the owner's phone; the token is the credential, 22 characters base64url, only its sha256 is stored):
 *   GET    /api/ballot/:token                      BallotView
 *   POST   /api/ballot/:token                      CastBody → 201 CastResponse; 409 ballot.already-cast | ballot.token-used
 *   GET    /api/ballot/:token/log?after=&limit=    BallotLogPage (the compound's log, no names; digest once closed)
 *   GET    /api/ballot-receipts/:code?box=<boxId>  ReceiptView
 *
 * Staff (owners' committee of the compound; community staff / secretary of its community):
 *   GET    /api/votes/:boxId                       BoxOverview
 *   PUT    /api/votes/:boxId/settings              BoxSettings → BoxSettings
 *   POST   /api/votes/:boxId/tokens                IssueTokensBody → 201 IssueTokensResponse (tokens shown ONCE)
 *   GET    /api/votes/:boxId/log?after=&limit=     BallotLogPage
 *   POST   /api/votes/:boxId/paper-ballots         PaperBallotBody → 201 PaperBallotCounted | 202 PaperBallotPending
 *   GET    /api/votes/:boxId/entries               EntriesResponse (pending second entries, mismatches)
 *   GET    /api/votes/:boxId/conflicts             ConflictsResponse
 *   POST   /api/compounds/:compound/electorate     CSV (text/csv) or a JSON array of rows, ≤ 10 MB → ImportResponse
 *   PATCH  /api/compounds/:compound/electorate/units/:unit   UnitEditBody → UnitEditResponse (audited)
 *
 * Box ids are `<caseId>~<instanceId>` (e.g. `case-20260301-0a1b2c3d4e~vote.1`): URL-encode them; `:compound` is an
 * org-unit path, so its slashes are encoded (`jian%2Fjizhou%2F…`). Areas are m² as decimal strings with two decimals.
 * Errors are `{ code, message, details? }`, message Chinese first.
 */

/** A one-time ballot token as printed in the letter's link `/ballot/<token>`: 128 random bits, base64url. */
export const BallotToken = z.string().regex(/^[A-Za-z0-9_-]{22}$/, '投票码格式不对 / not a ballot token');

/** A receipt code as typed by an owner: 12 Crockford base32 characters, dashes and spaces ignored, any case. */
export const ReceiptCode = z
  .string()
  .max(40)
  .regex(/^[0-9A-Za-z -]+$/, '回执码只含字母和数字 / a receipt code holds letters and digits')
  .refine((text) => text.replace(/[ -]/g, '').length === 12, '回执码为 12 位 / a receipt code has 12 characters');

/** A ballot box id: `<caseId>~<instanceId>`. */
export const BoxId = SafeText({ min: 1, max: 200 }).meta({ examples: ['case-20260301-0a1b2c3d4e~vote.1'] });

/** An exclusive part's id on the roll. */
export const UnitId = SafeText({ min: 1, max: 64 });

/** A choice per matter key; every matter of the box must be answered. */
export const Choices = z.record(z.string().min(1).max(100), Choice);
export type Choices = z.infer<typeof Choices>;

/** One matter on the ballot as owners read it. */
export const MatterView = z.object({
  key: z.string(),
  title: LocalizedText,
  item: Art278Item.optional(),
  class: MatterClass,
});

/** One exclusive part as published: never a name or an owner id. */
export const UnitView = z.object({
  unit: z.string(),
  building: z.string().nullable(),
  stairwell: z.string().nullable(),
  room: z.string().nullable(),
  /** m², two decimals (exact). */
  area: z.string(),
});
export type UnitView = z.infer<typeof UnitView>;

/** The box as the ballot page shows it. */
export const BoxView = z.object({
  boxId: z.string(),
  compound: z.string(),
  /** The compound's display name (吉盛小区). */
  compoundName: z.string(),
  ruleSet: RuleSetId,
  matters: z.array(MatterView),
  /** The published notice (投票通知), when the case recorded one. */
  notice: z.string().nullable(),
  state: z.enum(['open', 'closed']),
  openedAt: z.string(),
  /** The window's end as the case last set it (extensions included), when known. */
  windowEnd: z.string().nullable(),
  closedAt: z.string().nullable(),
});
export type BoxView = z.infer<typeof BoxView>;

/** What was cast with a token: when, and the choices (one set for all its parts). */
export const CastView = z.object({ castAt: z.string(), choices: Choices, units: z.array(z.string()) });

/** `GET /api/ballot/:token`. `cast` is null until the token is used; `canCast` says whether a cast is accepted now. */
export const BallotView = z.object({
  box: BoxView,
  units: z.array(UnitView),
  cast: CastView.nullable(),
  canCast: z.boolean(),
});
export type BallotView = z.infer<typeof BallotView>;

/** `POST /api/ballot/:token`. */
export const CastBody = z.strictObject({ choices: Choices });
export type CastBody = z.infer<typeof CastBody>;

/** The answer to a cast: the receipt code (shown once, stored hashed), the time and the parts it covers. */
export const CastResponse = z.object({
  receiptCode: z.string(),
  castAt: z.string(),
  units: z.array(UnitView),
});
export type CastResponse = z.infer<typeof CastResponse>;

/** One row of the ballot log (公示): no names, no owner ids, no receipts. */
export const LogRow = z.object({
  unit: z.string(),
  building: z.string().nullable(),
  room: z.string().nullable(),
  area: z.string(),
  choices: Choices,
  channel: Channel,
  castAt: z.string(),
});
export type LogRow = z.infer<typeof LogRow>;

/** Paging of the log: by unit (`after` = the last unit of the previous page). */
export const LogQuery = z.strictObject({
  after: SafeText({ min: 1, max: 64 }).optional(),
  limit: z
    .preprocess(
      (value) => (typeof value === 'string' && /^[0-9]{1,5}$/.test(value) ? Number(value) : value),
      z.int().min(1).max(5000),
    )
    .default(1000),
});

/** `GET …/log`: a page of ballots sorted by unit (bytewise), the total, and the ballot-set digest once the box is closed. */
export const BallotLogPage = z.object({
  boxId: z.string(),
  state: z.enum(['open', 'closed']),
  total: z.int(),
  ballots: z.array(LogRow),
  /** Pass as `after` for the next page; null on the last. */
  next: z.string().nullable(),
  /** sha256 hex of the counted set (server/votes/digests.ts `ballotSetDigest`), printed on the result notice. */
  digest: z.string().nullable(),
});
export type BallotLogPage = z.infer<typeof BallotLogPage>;

export const ReceiptQuery = z.strictObject({ box: BoxId });

/** `GET /api/ballot-receipts/:code?box=`: what the receipt covers; `counted` — it is the ballot that counts for them. */
export const ReceiptView = z.object({
  boxId: z.string(),
  units: z.array(UnitView),
  choices: Choices,
  channel: Channel,
  castAt: z.string(),
  counted: z.boolean(),
  boxState: z.enum(['open', 'closed']),
  /** The box's matters (key, title, Art. 278 item), so the receipt names what each choice was on. */
  matters: z.array(MatterView.pick({ key: true, title: true, item: true })),
});
export type ReceiptView = z.infer<typeof ReceiptView>;

/** `POST /api/votes/:boxId/tokens`: absent `units` = every part that has no live token and no ballot; else re-issue those. */
export const IssueTokensBody = z.strictObject({ units: z.array(UnitId).min(1).max(10_000).optional() });
export type IssueTokensBody = z.infer<typeof IssueTokensBody>;

export const IssuedToken = z.object({
  token: BallotToken,
  /** Path of the ballot page (prefix the site's origin for the letter / SMS / QR code). */
  url: z.string(),
  units: z.array(UnitView),
});
/** The tokens, shown this once; `revoked`: older tokens that lost parts to the new ones (re-issue). */
export const IssueTokensResponse = z.object({
  tokens: z.array(IssuedToken),
  revoked: z.int(),
  /** Parts asked for that were not issued, with why (already voted). */
  skipped: z.array(z.object({ unit: z.string(), reason: z.string() })),
});
export type IssueTokensResponse = z.infer<typeof IssueTokensResponse>;

/** `POST /api/votes/:boxId/paper-ballots`: a paper ballot (书面) with its scan, or a proxy's (委托) with the authorisation too. */
export const PaperBallotBody = z.strictObject({
  unit: UnitId,
  choices: Choices,
  channel: z.enum(['paper', 'proxy']).default('paper'),
  /** The scanned ballot, uploaded to the vote's case first (`POST /api/cases/:caseId/attachments`). */
  scan: AttachmentRef,
  /** The written authorisation (委托书), required for `proxy`. */
  authorisation: AttachmentRef.optional(),
  /** Hold this entry until a different staff member enters the same ballot (the box setting may require it anyway). */
  requireSecondEntry: z.boolean().optional(),
});
export type PaperBallotBody = z.infer<typeof PaperBallotBody>;

export const PaperBallotCounted = z.object({
  status: z.literal('counted'),
  unit: UnitView,
  channel: Channel,
  castAt: z.string(),
  /** For the owner's confirmation slip (shown once). */
  receiptCode: z.string(),
  /** The entries that made it (one, or the first and the confirming second). */
  enteredBy: z.array(z.string()),
});
export const PaperBallotPending = z.object({
  status: z.literal('pending'),
  unit: UnitView,
  channel: Channel,
  enteredBy: z.string(),
  enteredAt: z.string(),
});

/** One staff entry of a paper or proxy ballot (no scan bytes: the references). */
export const EntryView = z.object({
  unit: z.string(),
  channel: Channel,
  choices: Choices,
  enteredBy: z.string(),
  enteredAt: z.string(),
  scan: AttachmentRef,
  authorisation: AttachmentRef.nullable(),
});
export const MismatchView = z.object({ first: EntryView, second: EntryView });
export const EntriesResponse = z.object({ pending: z.array(EntryView), mismatches: z.array(MismatchView) });

/** A refused second ballot (any channel), for reconciliation. */
export const ConflictView = z.object({
  unit: z.string(),
  attemptedChannel: Channel,
  attemptedAt: z.string(),
  /** The staff member who entered it, or `token` for an electronic attempt. */
  attemptedBy: z.string(),
  firstChannel: Channel,
  firstCastAt: z.string(),
});
export const ConflictsResponse = z.object({ boxId: z.string(), conflicts: z.array(ConflictView) });

export const BoxSettings = z.strictObject({ requireSecondEntry: z.boolean() });

/** `GET /api/votes/:boxId` (staff). */
export const BoxOverview = z.object({
  box: BoxView,
  settings: BoxSettings,
  parts: z.object({ total: z.int(), voted: z.int() }),
  /** Area voted / total, m². */
  area: z.object({ total: z.string(), voted: z.string() }),
  byChannel: z.object({ electronic: z.int(), paper: z.int(), proxy: z.int() }),
  tokens: z.object({ live: z.int(), used: z.int(), partsWithoutToken: z.int() }),
  pendingEntries: z.int(),
  mismatches: z.int(),
  conflicts: z.int(),
});
export type BoxOverview = z.infer<typeof BoxOverview>;

export const BoxParams = z.strictObject({ boxId: BoxId });
export const TokenParams = z.strictObject({ token: BallotToken });
export const ReceiptParams = z.strictObject({ code: ReceiptCode });
export const CompoundParams = z.strictObject({ compound: SafeText({ min: 1, max: 200 }) });
export const UnitParams = z.strictObject({ compound: SafeText({ min: 1, max: 200 }), unit: UnitId });

/** The electorate import's answer: the counts and the roll's snapshot (what a box opened now would copy). */
export const ImportResponse = z.object({
  counts: z.object({ units: z.int(), owners: z.int(), links: z.int() }),
  /** Null only when the stored roll could not be counted (cannot happen after a successful import). */
  snapshot: z.object({ units: z.int(), area: z.string(), heads: z.int(), hash: z.string() }).nullable(),
});

/** An owner of a part, as staff set it (personal data: stays in the database, audit entries mask it). */
export const OwnerInput = z.strictObject({
  ownerId: SafeText({ min: 1, max: 64, trim: true }),
  /** Needed when the owner is new to the compound. */
  name: SafeText({ min: 1, max: 100, trim: true }).optional(),
  phone: z
    .string()
    .regex(/^\+?[0-9][0-9 -]{4,19}$/)
    .optional(),
  idNumber: z
    .string()
    .regex(/^[0-9]{17}[0-9X]$/)
    .optional(),
});

/** `PATCH …/electorate/units/:unit`: the fields to change, the reason (recorded), and optionally the new owner set. */
export const UnitEditBody = z.strictObject({
  areaM2: z
    .string()
    .regex(/^\d{1,9}(\.\d{1,2})?$/)
    .optional(),
  building: SafeText({ max: 64, trim: true }).nullable().optional(),
  stairwell: SafeText({ max: 64, trim: true }).nullable().optional(),
  room: SafeText({ max: 64, trim: true }).nullable().optional(),
  developerHeld: z.boolean().optional(),
  /** Replaces the part's owners (a transfer: 过户). Empty only with `developerHeld: true`. */
  owners: z.array(OwnerInput).max(20).optional(),
  reason: SafeText({ min: 1, max: 500, trim: true }),
});
export type UnitEditBody = z.infer<typeof UnitEditBody>;

/** A part as staff see it on the roll (owner ids; no phones or ID numbers). */
export const RollUnitView = UnitView.extend({ developerHeld: z.boolean(), ownerIds: z.array(z.string()) });

/** The audit entry of a single-unit edit: before/after with phones and ID numbers masked. */
export const UnitAuditView = z.object({
  id: z.int(),
  compound: z.string(),
  unit: z.string(),
  editedBy: z.string(),
  editedAt: z.string(),
  reason: z.string(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()),
});
export const UnitEditResponse = z.object({ unit: RollUnitView, audit: UnitAuditView });
