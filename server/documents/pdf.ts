import PDFDocument from 'pdfkit';
import { findCjkFonts, type CjkFonts } from './fonts';

/**
 * One way to make every document: an A4 PDFKit document with the CJK font embedded (subset), fixed metadata (the
 * creation date is the data's own time, so the same data gives the same bytes), collected into a Buffer.
 */

export const REGULAR = 'cjk';
export const BOLD = 'cjk-bold';
export const MARGIN = 56;

export interface PdfMeta {
  title: string;
  subject?: string;
  /** The document's date (its CreationDate): the data's time, not the clock's, so output is reproducible. */
  createdAt: Date;
}

export type Pdf = PDFKit.PDFDocument;

/** Renders a document: `draw` writes its pages; the fonts are Debian's Noto CJK unless given. */
export function renderPdf(meta: PdfMeta, draw: (doc: Pdf) => void, fonts: CjkFonts = findCjkFonts()): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    compress: true,
    info: {
      Title: meta.title,
      Author: '共治 Gongzhi',
      Creator: '共治 Gongzhi',
      Producer: '共治 Gongzhi (PDFKit)',
      ...(meta.subject !== undefined && { Subject: meta.subject }),
      CreationDate: meta.createdAt,
      ModDate: meta.createdAt,
    },
  });
  doc.registerFont(REGULAR, fonts.regular.path, fonts.regular.face ?? '');
  doc.registerFont(BOLD, fonts.bold.path, fonts.bold.face ?? '');
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  try {
    doc.font(REGULAR).fontSize(11);
    draw(doc);
  } finally {
    doc.end();
  }
  return done;
}

/** The writable width between the margins. */
export const contentWidth = (doc: Pdf): number => doc.page.width - 2 * MARGIN;

/** The y below which nothing is written on this page. */
export const pageBottom = (doc: Pdf): number => doc.page.height - MARGIN;

/** Starts a new page unless `height` more points fit on this one. */
export function ensureRoom(doc: Pdf, height: number): void {
  if (doc.y + height > pageBottom(doc)) doc.addPage();
}

/** A centred title. */
export function title(doc: Pdf, text: string, size = 18): void {
  doc
    .font(BOLD)
    .fontSize(size)
    .text(text, MARGIN, doc.y, { align: 'center', width: contentWidth(doc) });
  doc.moveDown(0.6).font(REGULAR).fontSize(11);
}

/** A section heading. */
export function heading(doc: Pdf, text: string): void {
  ensureRoom(doc, 40);
  doc
    .moveDown(0.4)
    .font(BOLD)
    .fontSize(13)
    .text(text, MARGIN, doc.y, { width: contentWidth(doc) });
  doc.moveDown(0.2).font(REGULAR).fontSize(11);
}

/** A paragraph across the page. */
export function paragraph(doc: Pdf, text: string, options: { size?: number; indent?: number } = {}): void {
  doc
    .font(REGULAR)
    .fontSize(options.size ?? 11)
    .text(text, MARGIN + (options.indent ?? 0), doc.y, {
      width: contentWidth(doc) - (options.indent ?? 0),
      lineGap: 2,
    });
  doc.moveDown(0.3);
}

/** `label：value` lines. */
export function fields(doc: Pdf, rows: readonly (readonly [string, string])[]): void {
  for (const [label, value] of rows) paragraph(doc, `${label}：${value}`);
}

export interface Column {
  header: string;
  /** Share of the content width (the shares of a table add up to 1). */
  share: number;
  align?: 'left' | 'center' | 'right';
}

const cellPadding = 4;

/**
 * A ruled table: the header row, then each row, wrapping cell text; a row that does not fit starts a new page
 * (with the header again).
 */
export function table(doc: Pdf, columns: readonly Column[], rows: readonly (readonly string[])[], size = 10): void {
  const width = contentWidth(doc);
  const widths = columns.map((column) => column.share * width);
  const rowHeight = (cells: readonly string[], font: string) => {
    doc.font(font).fontSize(size);
    return (
      Math.max(
        ...cells.map((cell, index) => doc.heightOfString(cell, { width: (widths[index] ?? 0) - 2 * cellPadding })),
      ) +
      2 * cellPadding
    );
  };
  const drawRow = (cells: readonly string[], font: string) => {
    const height = rowHeight(cells, font);
    let x = MARGIN;
    const y = doc.y;
    cells.forEach((cell, index) => {
      const cellWidth = widths[index] ?? 0;
      doc.rect(x, y, cellWidth, height).lineWidth(0.5).stroke('#000000');
      doc
        .font(font)
        .fontSize(size)
        .fillColor('#000000')
        .text(cell, x + cellPadding, y + cellPadding, {
          width: cellWidth - 2 * cellPadding,
          align: columns[index]?.align ?? 'left',
        });
      x += cellWidth;
    });
    doc.x = MARGIN;
    doc.y = y + height;
  };
  const headers = columns.map((column) => column.header);
  ensureRoom(doc, rowHeight(headers, BOLD) + rowHeight(rows[0] ?? headers, REGULAR));
  drawRow(headers, BOLD);
  for (const row of rows) {
    if (doc.y + rowHeight(row, REGULAR) > pageBottom(doc)) {
      doc.addPage();
      drawRow(headers, BOLD);
    }
    drawRow(row, REGULAR);
  }
  doc.moveDown(0.5).font(REGULAR).fontSize(11);
}
