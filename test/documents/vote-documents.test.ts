import { tallyVote, type RollEntry, type TallyResult } from '../../definitions/vote';
import { findCjkFonts, FontMissingError } from '../../server/documents/fonts';
import { paperBallotQrPayload, paperBallotsPdf, parsePaperBallotQr } from '../../server/documents/paper-ballots';
import { resultNoticePdf } from '../../server/documents/result-notice';
import { voteNoticePdf } from '../../server/documents/vote-notice';
import { printedMatter } from '../../server/documents/vote-texts';
import { decodeDrawnQr, pdfText, squeezed } from './pdf-text';

/**
 * The vote's printed documents (issue 12 §5), read back: each PDF's text is extracted with pdfjs-dist and the
 * Chinese wording and exact figures are looked for in it; QR codes are decoded from the matrix the PDF draws.
 */

const matters = [
  printedMatter('civil-code-2021', { key: 'dismiss', title: '解聘现物业服务企业', item: 4 }),
  printedMatter('civil-code-2021', { key: 'fund', title: '筹集电梯更新维修资金', item: 6 }),
];
const boxId = 'case-20260302-0a1b2c3d4e~vote.1';
const ballotUrl = `http://127.0.0.1:3000/ballot?box=${encodeURIComponent(boxId)}`;

describe('the vote notice (召开业主大会公告)', () => {
  test('given a published notice, when printed, then it names the matters with their Art. 278 items and classes, the dates, how to vote, the rule set and Art. 14, and its QR code opens the ballot page', async () => {
    const bytes = await voteNoticePdf({
      boxId,
      caseId: 'case-20260302-0a1b2c3d4e',
      compoundName: '吉盛小区',
      voteTitle: '关于更换物业服务企业的业主大会',
      noticeText: '业主委员会提议更换物业服务企业。',
      matters,
      ruleSet: 'civil-code-2021',
      noticePeriod: 'P15D',
      window: 'P15D',
      noticePublishedAt: '2026-03-02T09:00:00+08:00',
      opensAt: '2026-03-17T09:00:00+08:00',
      closesAt: '2026-04-01T09:00:00+08:00',
      ballotUrl,
      printedAt: '2026-03-02T10:00:00+08:00',
    });

    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const { pages, info } = await pdfText(bytes);
    const text = squeezed(pages.join(''));
    for (const expected of [
      '吉盛小区召开业主大会公告',
      '解聘现物业服务企业',
      '第4项（选聘和解聘物业服务企业或者其他管理人）',
      '一般事项',
      '筹集电梯更新维修资金',
      '第6项（筹集建筑物及其附属设施的维修资金）',
      '特别事项',
      '公告发布：2026年3月2日09:00',
      '投票开始：2026年3月17日09:00',
      '投票截止：2026年4月1日09:00',
      '应当于会议召开15日以前通知全体业主',
      '电子投票',
      '书面投票（书面征求意见）',
      '委托投票',
      '书面授权委托书',
      '民法典第二百七十八条(Art.278)',
      '四分之三以上(≥3/4)',
      '业主委员会提议更换物业服务企业。',
    ])
      expect(text).toContain(squeezed(expected));
    expect(info.Title).toBe('吉盛小区召开业主大会公告');
    expect(decodeDrawnQr(ballotUrl)).toBe(ballotUrl);
  });

  test('given the same data twice, when printed, then the bytes are the same (the document date is the data’s)', async () => {
    const data = {
      boxId,
      caseId: 'c',
      compoundName: '吉盛小区',
      voteTitle: '表决',
      matters,
      ruleSet: 'civil-code-2021' as const,
      noticePeriod: 'P15D',
      window: 'P15D',
      ballotUrl,
      printedAt: '2026-03-02T10:00:00+08:00',
    };
    expect((await voteNoticePdf(data)).equals(await voteNoticePdf(data))).toBe(true);
  });
});

describe('paper ballots (书面表决票)', () => {
  test('given three units, when printed, then each has its own page with room, area, every matter with 同意/反对/弃权 and a signature line, and its QR code names box and unit', async () => {
    const bytes = await paperBallotsPdf({
      boxId,
      compoundName: '吉盛小区',
      voteTitle: '关于更换物业服务企业的业主大会',
      matters,
      units: [
        { unit: '1-1-101', building: '1', stairwell: '1', room: '101', area: '89.50' },
        { unit: '1-1-102', area: '1234.05' },
        { unit: '2-3-1502', building: '2', stairwell: '3', room: '1502', area: '120.00' },
      ],
      closesAt: '2026-04-01T09:00:00+08:00',
      rollSource: 'box',
      printedAt: '2026-03-02T10:00:00+08:00',
    });

    const { pages } = await pdfText(bytes);
    expect(pages).toHaveLength(3);
    const [first, second, third] = pages.map(squeezed);
    expect(first).toContain(squeezed('专有部分：1-1-101（1栋1单元101室）'));
    expect(first).toContain('登记面积：89.50m²');
    expect(second).toContain('登记面积：1,234.05m²');
    expect(third).toContain(squeezed('2-3-1502（2栋3单元1502室）'));
    for (const page of [first, second, third]) {
      expect(page).toContain('吉盛小区业主大会书面表决票');
      expect(page).toContain('同意反对弃权');
      expect(page).toContain('解聘现物业服务企业');
      expect(page).toContain('筹集电梯更新维修资金');
      expect(page).toContain('业主（或受托人）签字');
      expect(page).toContain('投票截止：2026年4月1日09:00');
    }
    const payload = paperBallotQrPayload(boxId, '2-3-1502');
    expect(parsePaperBallotQr(decodeDrawnQr(payload) ?? '')).toEqual({ boxId, unit: '2-3-1502' });
  });
});

/** Three owners of 3,333 + 3,334 + 3,333 m²: two vote, so participation is exactly 2/3 of the heads. */
const roll: RollEntry[] = [
  { unit: 'a', areaCenti: 333300n, ownerIds: ['o-1'], developerHeld: false },
  { unit: 'b', areaCenti: 333400n, ownerIds: ['o-2'], developerHeld: false },
  { unit: 'c', areaCenti: 333300n, ownerIds: ['o-3'], developerHeld: false },
];

/** The result notice of two ballots counted in box `boxId`, with fixed dates and digests. */
const printResult = (result: TallyResult) =>
  resultNoticePdf({
    boxId,
    caseId: 'case-20260302-0a1b2c3d4e',
    compoundName: '吉盛小区',
    voteTitle: '关于更换物业服务企业的业主大会',
    matters,
    result,
    openedAt: '2026-03-17T09:00:00+08:00',
    closedAt: '2026-04-01T09:00:00+08:00',
    ballots: 2,
    ballotDigest: 'b'.repeat(64),
    electorateHash: 'e'.repeat(64),
    objectionsUntil: '2026-04-08T09:00:00+08:00',
    printedAt: '2026-04-01T10:00:00+08:00',
  });

describe('the result notice (表决结果公示)', () => {
  test('given a count where one matter passes and one fails approval, when printed, then every figure is there as numerator/denominator with its percentage, the failed test, the rule set, and both digests', async () => {
    const counted = tallyVote({
      roll,
      ballots: [
        { unit: 'a', choices: { dismiss: 'agree', fund: 'agree' } },
        { unit: 'b', choices: { dismiss: 'agree', fund: 'oppose' } },
      ],
      matters: [
        { key: 'dismiss', item: 4 },
        { key: 'fund', item: 6 },
      ],
      ruleSet: 'civil-code-2021',
    });
    if (!counted.ok) throw new Error('the count was refused');

    const bytes = await printResult(counted.result);

    const text = squeezed((await pdfText(bytes)).pages.join(''));
    for (const expected of [
      '吉盛小区业主大会表决结果公示',
      '专有部分总面积10,000.00m²，业主总人数3人',
      // participation: area 6,667.00 of 10,000.00 (≥ 2/3 by cross-multiplication), heads exactly 2 of 3
      '6,667.00/10,000.00m²（66.67%）达到',
      '2/3人（66.67%）达到',
      // matter 1 passes: all participating area and heads agree
      '6,667.00/6,667.00m²（100.00%）',
      '2/2人（100.00%）',
      // matter 2 (special, ≥ 3/4): 3,333.00 of 6,667.00 and 1 of 2 agree
      '3,333.00/6,667.00m²（49.99%）未达到',
      '1/2人（50.00%）未达到',
      '未通过：同意未达法定比例',
      '同意检验未达到（面积和人数）',
      '结果：通过',
      '公示期至2026年4月8日09:00',
      '民法典第二百七十八条(Art.278)',
      '最高人民法院《关于审理建筑物区分所有权纠纷案件适用法律若干问题的解释》第八条、第九条',
      `选票集摘要（SHA-256）：${'b'.repeat(64)}`,
      `业主名册摘要（SHA-256）：${'e'.repeat(64)}`,
    ])
      expect(text).toContain(squeezed(expected));
  });

  test('given a compound whose 议事规则 counts non-participants with the majority, when printed, then the notice cites the clause, says courts dispute it, and states whom the silent owners were counted with', async () => {
    const clause = '吉盛小区业主大会议事规则第十二条';
    const counted = tallyVote({
      roll,
      ballots: [
        { unit: 'a', choices: { dismiss: 'agree', fund: 'agree' } },
        { unit: 'b', choices: { dismiss: 'agree', fund: 'agree' } },
      ],
      matters: [
        { key: 'dismiss', item: 4 },
        { key: 'fund', item: 6 },
      ],
      ruleSet: 'civil-code-2021',
      nonParticipants: 'follow-majority',
      nonParticipantsClause: clause,
    });
    if (!counted.ok) throw new Error('the count was refused');

    const bytes = await printResult(counted.result);

    const text = squeezed((await pdfText(bytes)).pages.join(''));
    for (const expected of [
      `依${clause}计入已表决的多数票`,
      '存在争议',
      '依议事规则，未参与表决的业主计入已表决的多数票（同意）',
      // the silent owner's 3,333.00 m² joins the agreeing majority: the whole electorate agrees
      '10,000.00/10,000.00m²（100.00%）',
      '3/3人（100.00%）',
    ])
      expect(text).toContain(squeezed(expected));
  });
});

describe('fonts', () => {
  test('given no CJK font where the documents look, when a document is made, then the refusal names the Debian package (the route answers 503 documents.font-missing)', () => {
    const missing = { path: '/nonexistent/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' };
    expect(() => findCjkFonts([{ regular: missing, bold: missing }])).toThrow(FontMissingError);
    expect(() => findCjkFonts([{ regular: missing, bold: missing }])).toThrow(/fonts-noto-cjk/);
  });
});
