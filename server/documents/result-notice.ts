import type { MatterResult, TallyResult } from '../../definitions/vote';
import { chineseDateTime, fraction, grouped } from './figures';
import { fields, heading, paragraph, renderPdf, table, title, type Pdf } from './pdf';
import { choiceNames, classNames, itemText, type PrintedMatter, ruleSetLines, thresholdText } from './vote-texts';

/** What the 表决结果公示 prints: every figure of the exact count, the rule applied and the digests to check it by. */
export interface ResultNoticeData {
  boxId: string;
  caseId: string;
  compoundName: string;
  voteTitle: string;
  /** The matters as printed (titles), in the result's order. */
  matters: PrintedMatter[];
  result: TallyResult;
  openedAt: string;
  closedAt: string;
  ballots: number;
  ballotDigest: string;
  electorateHash: string;
  /** End of the objection window (询异), when the case recorded the preliminary result. */
  objectionsUntil?: string;
  printedAt: string;
}

const reasonNames: Record<MatterResult['reason'], string> = {
  passed: '通过',
  'participation-not-met': '未通过：参与表决未达法定比例',
  'approval-not-met': '未通过：同意未达法定比例',
};
const testNames = { participation: '参与表决', approval: '同意' } as const;
const figureNames = { area: '面积', heads: '人数' } as const;

/** `6,667.00/10,000.00 m²（66.67%）`. */
function areaFigure(figure: { numerator: string; denominator: string; percent: string | null }): string {
  return `${fraction(figure.numerator, figure.denominator)} m²（${figure.percent ?? '—'}）`;
}
function headFigure(figure: { numerator: number; denominator: number; percent: string | null }): string {
  return `${fraction(figure.numerator, figure.denominator)} 人（${figure.percent ?? '—'}）`;
}
const mark = (met: boolean) => (met ? '达到' : '未达到');

/** Which test failed and which of its figures missed, in words (or that it passed). */
export function failureText(matter: MatterResult): string {
  if (!matter.failed) return '两项检验均达到';
  const figures = matter.failed.figures.map((figure) => figureNames[figure]).join('和');
  return `${testNames[matter.failed.test]}检验未达到（${figures}）`;
}

export function resultNoticePdf(data: ResultNoticeData): Promise<Buffer> {
  return renderPdf(
    { title: `${data.compoundName}业主大会表决结果公示`, subject: data.voteTitle, createdAt: new Date(data.printedAt) },
    (doc) => drawResult(doc, data),
  );
}

function drawResult(doc: Pdf, data: ResultNoticeData): void {
  const { result } = data;
  title(doc, `${data.compoundName}业主大会表决结果公示`);
  paragraph(
    doc,
    `${data.voteTitle}已于 ${chineseDateTime(data.closedAt)} 投票截止并计票（投票自 ${chineseDateTime(data.openedAt)} 开始）。现将表决结果公示如下${data.objectionsUntil ? `，公示期至 ${chineseDateTime(data.objectionsUntil)}，业主对结果有异议的，请在公示期内向业主委员会书面提出` : ''}。`,
  );

  heading(doc, '一、业主名册与参与情况');
  fields(doc, [
    [
      '业主名册',
      `专有部分 ${grouped(result.electorate.units)} 个，专有部分总面积 ${grouped(result.electorate.area)} m²，业主总人数 ${grouped(result.electorate.heads)} 人`,
    ],
    [
      '参与表决',
      `专有部分 ${grouped(result.participants.units)} 个，面积 ${grouped(result.participants.area)} m²，人数 ${grouped(result.participants.heads)} 人（计入选票 ${grouped(data.ballots)} 张）`,
    ],
  ]);

  heading(doc, '二、各事项表决结果');
  data.matters.forEach((printed, index) => {
    const matter = result.matters.find((candidate) => candidate.key === printed.key);
    if (!matter) return;
    paragraph(doc, `事项${index + 1}：${printed.title}（${itemText(printed)}，${classNames[matter.class]}）`, {
      size: 11.5,
    });
    const participation = matter.participation;
    const approval = matter.approval;
    table(
      doc,
      [
        { header: '检验', share: 0.14 },
        { header: '法定比例', share: 0.2 },
        { header: '面积（分子/分母）', share: 0.28 },
        { header: '人数（分子/分母）', share: 0.24 },
        { header: '结论', share: 0.14, align: 'center' },
      ],
      [
        [
          '参与表决',
          participation.threshold ? participation.threshold.text : '本规则无此检验',
          `${areaFigure(participation.area)} ${mark(participation.area.met)}`,
          `${headFigure(participation.heads)} ${mark(participation.heads.met)}`,
          mark(participation.met),
        ],
        [
          '同意',
          approval.threshold?.text ?? '—',
          `${areaFigure(approval.area)} ${mark(approval.area.met)}`,
          `${headFigure(approval.heads)} ${mark(approval.heads.met)}`,
          mark(approval.met),
        ],
      ],
      9.5,
    );
    const counts = matter.counts;
    paragraph(
      doc,
      (['agree', 'oppose', 'abstain'] as const)
        .map(
          (choice) =>
            `${choiceNames[choice]}：${grouped(counts[choice].units)} 户，${grouped(counts[choice].area)} m²，${grouped(counts[choice].heads)} 人`,
        )
        .join('；') +
        (counts.splitHeads > 0
          ? `；多套房屋意见不一致的业主 ${grouped(counts.splitHeads)} 人（计入参与，不计入同意）`
          : ''),
      { size: 10 },
    );
    if (matter.nonParticipantsCountedAs)
      paragraph(
        doc,
        `依议事规则，未参与表决的业主计入已表决的多数票（${choiceNames[matter.nonParticipantsCountedAs]}），同意比例按全体业主计算。`,
        { size: 10 },
      );
    paragraph(doc, `结果：${reasonNames[matter.reason]}。${failureText(matter)}。`, { size: 11 });
    paragraph(doc, thresholdText(result.ruleSet.id, matter.class), { size: 9.5 });
  });

  heading(doc, '三、适用规则');
  for (const line of ruleSetLines(result.ruleSet.id)) paragraph(doc, line, { size: 10 });
  paragraph(
    doc,
    `未参与表决的业主：${nonParticipantsText(result)}。比例按整数交叉相乘精确判定，百分比仅为显示四舍五入。`,
    { size: 10 },
  );

  heading(doc, '四、核验');
  fields(doc, [
    ['选票集摘要（SHA-256）', data.ballotDigest],
    ['业主名册摘要（SHA-256）', data.electorateHash],
    ['投票箱', data.boxId],
  ]);
  paragraph(
    doc,
    '选票公示清单（房号、面积、表决意见，不含姓名）按单元排序后的规范 JSON 的 SHA-256 即为选票集摘要，任何人可据公示清单重新计算核对；业主可凭回执码查询本户选票是否计入。',
    { size: 9.5 },
  );
  doc.moveDown(1);
  paragraph(doc, `${data.compoundName}业主大会`);
  paragraph(doc, `打印时间：${chineseDateTime(data.printedAt)}`, { size: 8 });
}

/**
 * How non-participants were treated, as the notice states it: not counted (the law's plain reading), or — where the
 * compound's 议事规则 says so — with the majority, citing the clause and saying courts dispute such clauses.
 */
function nonParticipantsText(result: TallyResult): string {
  if (result.nonParticipants === 'not-counted') return '不计入表决结果';
  return `依${result.nonParticipantsClause ?? '议事规则'}计入已表决的多数票（业主大会和业主委员会指导规则第二十六条；此类约定的效力在司法实践中存在争议）；参与表决人数和面积仍按实际参与者计算`;
}
