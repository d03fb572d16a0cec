import type { RuleSetId } from '../../definitions/vote';
import { chineseDateTime } from './figures';
import { fields, heading, paragraph, renderPdf, table, title, type Pdf, contentWidth, MARGIN } from './pdf';
import { drawQr } from './qr';
import { article14Sentence, classNames, itemText, type PrintedMatter, ruleSetLines, thresholdText } from './vote-texts';

/** What the 召开业主大会公告 says: the compound, the matters, the dates as far as they are known, how to vote. */
export interface VoteNoticeData {
  boxId: string;
  caseId: string;
  compoundName: string;
  /** The vote node's title, e.g. 关于更换物业服务企业的业主大会. */
  voteTitle: string;
  /** The organiser's notice text as published (the `publish-notice` action), if published. */
  noticeText?: string;
  matters: PrintedMatter[];
  ruleSet: RuleSetId;
  noticePeriod: string;
  window: string;
  noticePublishedAt?: string;
  opensAt?: string;
  closesAt?: string;
  /** Where owners vote electronically (a generic address: each owner's one-time code is on their own letter). */
  ballotUrl: string;
  /** When the document was printed (Shanghai instant); also its CreationDate. */
  printedAt: string;
}

const unknownYet = '（尚未确定，另行公告）';

export function voteNoticePdf(data: VoteNoticeData): Promise<Buffer> {
  return renderPdf(
    { title: `${data.compoundName}召开业主大会公告`, subject: data.voteTitle, createdAt: new Date(data.printedAt) },
    (doc) => drawVoteNotice(doc, data),
  );
}

function drawVoteNotice(doc: Pdf, data: VoteNoticeData): void {
  title(doc, `${data.compoundName}召开业主大会公告`);
  paragraph(doc, `全体业主：`);
  paragraph(
    doc,
    `根据《中华人民共和国民法典》第二百七十八条和《物业管理条例》的规定，定于下列时间以书面征求意见和电子投票相结合的形式召开业主大会（${data.voteTitle}），就下列事项进行表决。现将有关事项公告如下。`,
    { indent: 0 },
  );
  if (data.noticeText) paragraph(doc, data.noticeText);

  heading(doc, '一、表决事项');
  table(
    doc,
    [
      { header: '序号', share: 0.08, align: 'center' },
      { header: '表决事项', share: 0.34 },
      { header: '民法典第二百七十八条', share: 0.32 },
      { header: '类别', share: 0.12, align: 'center' },
      { header: '代码', share: 0.14 },
    ],
    data.matters.map((matter, index) => [
      String(index + 1),
      matter.title,
      itemText(matter),
      classNames[matter.class],
      matter.key,
    ]),
  );
  for (const matterClass of [...new Set(data.matters.map((matter) => matter.class))])
    paragraph(doc, thresholdText(data.ruleSet, matterClass), { size: 10 });

  heading(doc, '二、时间安排');
  fields(doc, [
    ['公告发布', data.noticePublishedAt ? chineseDateTime(data.noticePublishedAt) : unknownYet],
    ['公告期', `${data.noticePeriod}（不少于15日）`],
    ['投票开始', data.opensAt ? chineseDateTime(data.opensAt) : unknownYet],
    ['投票截止', data.closesAt ? chineseDateTime(data.closesAt) : `投票开始后 ${data.window}${unknownYet}`],
  ]);
  paragraph(doc, article14Sentence, { size: 10 });

  heading(doc, '三、投票方式');
  const qrSize = 110;
  const top = doc.y;
  drawQr(doc, data.ballotUrl, MARGIN + contentWidth(doc) - qrSize, top, qrSize);
  const textWidth = contentWidth(doc) - qrSize - 12;
  doc.text(
    `1. 电子投票：用手机扫描右侧二维码或访问 ${data.ballotUrl}，输入逐户送达的《投票通知书》上的一次性投票码，对每一事项选择“同意”“反对”或“弃权”并确认，页面显示回执码，请妥善保存以便核对。`,
    MARGIN,
    top,
    { width: textWidth, lineGap: 2 },
  );
  doc.moveDown(0.3);
  doc.text(
    '2. 书面投票（书面征求意见）：在《书面表决票》上逐项勾选，业主签字后在投票截止前交回投票箱或业主委员会。',
    MARGIN,
    doc.y,
    { width: textWidth, lineGap: 2 },
  );
  doc.moveDown(0.3);
  doc.text(
    '3. 委托投票：业主可以书面委托代理人投票，代理人投票时须提交业主签署的书面授权委托书（附身份证明复印件）。',
    MARGIN,
    doc.y,
    { width: textWidth, lineGap: 2 },
  );
  doc.y = Math.max(doc.y, top + qrSize) + 6;
  doc.x = MARGIN;
  paragraph(
    doc,
    '每一专有部分只计一票；同一专有部分先投的一票有效，其后的投票不予计入。弃权计入参与表决，不计入同意。未参与表决的业主不计入表决结果。',
    { size: 10 },
  );

  heading(doc, '四、计票规则');
  for (const line of ruleSetLines(data.ruleSet)) paragraph(doc, line, { size: 10 });
  paragraph(
    doc,
    '计票以投票开始时的业主名册（不动产登记簿记载的专有部分面积）为准，面积与人数均按整数精确计算；表决结果将公示，并报告居民委员会（《物业管理条例》第二十条）。',
    { size: 10 },
  );

  doc.moveDown(1);
  paragraph(doc, `${data.compoundName}业主大会`, { size: 11 });
  paragraph(doc, `${chineseDateTime(data.noticePublishedAt ?? data.printedAt).split(' ')[0]}`, { size: 11 });
  paragraph(doc, `投票箱编号：${data.boxId}\u3000打印时间：${chineseDateTime(data.printedAt)}`, { size: 8 });
}
