import { chineseDateTime, grouped } from './figures';
import { BOLD, contentWidth, MARGIN, REGULAR, renderPdf, type Pdf } from './pdf';
import { drawQr } from './qr';
import { itemText, type PrintedMatter } from './vote-texts';

/** One exclusive part a ballot is printed for (no owner names: a ballot may be seen by anyone handling it). */
export interface BallotUnit {
  unit: string;
  building?: string;
  stairwell?: string;
  room?: string;
  /** Registered area, m² with two decimals (exact text). */
  area: string;
}

export interface PaperBallotsData {
  boxId: string;
  compoundName: string;
  voteTitle: string;
  matters: PrintedMatter[];
  units: BallotUnit[];
  closesAt?: string;
  /** Whose roll the units come from: the box's copy (open) or the compound's roll as it stands (not yet open). */
  rollSource: 'box' | 'compound';
  printedAt: string;
}

const QR_PREFIX = 'GZBALLOT:';

/**
 * What a paper ballot's QR code encodes for data entry: the box and the unit (`GZBALLOT:box=…&unit=…`), nothing
 * personal. Staff scan it to open the right unit's entry form.
 */
export function paperBallotQrPayload(boxId: string, unit: string): string {
  return `${QR_PREFIX}${new URLSearchParams({ box: boxId, unit }).toString()}`;
}

/** The box and unit a scanned ballot code names, or undefined for anything else. */
export function parsePaperBallotQr(payload: string): { boxId: string; unit: string } | undefined {
  if (!payload.startsWith(QR_PREFIX)) return undefined;
  const params = new URLSearchParams(payload.slice(QR_PREFIX.length));
  const boxId = params.get('box');
  const unit = params.get('unit');
  return boxId && unit ? { boxId, unit } : undefined;
}

/** The pre-filled 书面表决票: one page per unit, in the order given. */
export function paperBallotsPdf(data: PaperBallotsData): Promise<Buffer> {
  return renderPdf(
    { title: `${data.compoundName}业主大会书面表决票`, subject: data.voteTitle, createdAt: new Date(data.printedAt) },
    (doc) => {
      data.units.forEach((unit, index) => {
        if (index > 0) doc.addPage();
        drawBallot(doc, data, unit);
      });
      if (data.units.length === 0) doc.text('没有需要打印的专有部分 / no units to print');
    },
  );
}

const box = (doc: Pdf, x: number, y: number, size = 12) => doc.rect(x, y, size, size).lineWidth(0.8).stroke('#000000');

function drawBallot(doc: Pdf, data: PaperBallotsData, unit: BallotUnit): void {
  const width = contentWidth(doc);
  const qrSize = 96;
  doc
    .font(BOLD)
    .fontSize(17)
    .text(`${data.compoundName}业主大会书面表决票`, MARGIN, MARGIN, { width, align: 'center' });
  doc.moveDown(0.3).font(REGULAR).fontSize(11).text(data.voteTitle, { width, align: 'center' });
  const top = doc.y + 10;
  drawQr(doc, paperBallotQrPayload(data.boxId, unit.unit), MARGIN + width - qrSize, top, qrSize);
  doc.fontSize(7).text('数据录入码', MARGIN + width - qrSize, top + qrSize, { width: qrSize, align: 'center' });
  const place = [
    unit.building && `${unit.building}栋`,
    unit.stairwell && `${unit.stairwell}单元`,
    unit.room && `${unit.room}室`,
  ]
    .filter(Boolean)
    .join('');
  doc.font(REGULAR).fontSize(12);
  const lines = [
    `专有部分：${unit.unit}${place ? `（${place}）` : ''}`,
    `登记面积：${grouped(unit.area)} m²`,
    `投票截止：${data.closesAt ? chineseDateTime(data.closesAt) : '见召开业主大会公告'}`,
    `投票箱：${data.boxId}`,
  ];
  let y = top;
  for (const line of lines) {
    doc.text(line, MARGIN, y, { width: width - qrSize - 10 });
    y = doc.y + 4;
  }
  y = Math.max(y, top + qrSize + 14) + 6;

  const columns = [0.07, 0.63, 0.1, 0.1, 0.1].map((share) => share * width);
  const headers = ['序号', '表决事项', '同意', '反对', '弃权'];
  const drawCells = (cells: string[], rowY: number, height: number, font: string, boxes: boolean) => {
    let x = MARGIN;
    cells.forEach((cell, index) => {
      const cellWidth = columns[index] ?? 0;
      doc.rect(x, rowY, cellWidth, height).lineWidth(0.5).stroke('#000000');
      if (boxes && index >= 2) box(doc, x + cellWidth / 2 - 7, rowY + height / 2 - 7, 14);
      else
        doc
          .font(font)
          .fontSize(10.5)
          .text(cell, x + 4, rowY + 5, { width: cellWidth - 8, align: index === 1 ? 'left' : 'center' });
      x += cellWidth;
    });
  };
  drawCells(headers, y, 22, BOLD, false);
  y += 22;
  data.matters.forEach((matter, index) => {
    const text = `${matter.title}\n${itemText(matter)}`;
    doc.font(REGULAR).fontSize(10.5);
    const height = Math.max(34, doc.heightOfString(text, { width: (columns[1] ?? 0) - 8 }) + 10);
    drawCells([String(index + 1), text, '', '', ''], y, height, REGULAR, true);
    y += height;
  });
  doc.font(REGULAR).fontSize(9.5);
  doc.text(
    '填写说明：每一事项在“同意”“反对”“弃权”中只勾选一项（√）；未勾选的事项计为弃权（参与表决、不计入同意）。本票须由业主本人或受托人签字，委托投票的须附书面授权委托书。每一专有部分只计一票，先投的一票有效。',
    MARGIN,
    y + 10,
    { width, lineGap: 2 },
  );
  y = doc.y + 26;
  doc.fontSize(12);
  doc.text('业主（或受托人）签字：', MARGIN, y);
  doc
    .moveTo(MARGIN + 140, y + 15)
    .lineTo(MARGIN + 300, y + 15)
    .lineWidth(0.6)
    .stroke('#000000');
  doc.text('日期：', MARGIN + 320, y);
  doc
    .moveTo(MARGIN + 360, y + 15)
    .lineTo(MARGIN + width, y + 15)
    .stroke('#000000');
  y += 32;
  doc.text('受托人的，授权委托书：', MARGIN, y);
  box(doc, MARGIN + 140, y + 1);
  doc.text('已附', MARGIN + 158, y);
  doc
    .fontSize(7.5)
    .text(
      `名册：${data.rollSource === 'box' ? '投票开始时的业主名册（投票箱副本）' : '当前业主名册（投票开始时以名册副本为准）'}\u3000打印时间：${chineseDateTime(data.printedAt)}`,
      MARGIN,
      doc.page.height - MARGIN - 16,
      { width, lineBreak: false },
    );
  doc.x = MARGIN;
}
