import QRCode from 'qrcode';

/**
 * QR codes drawn as vector squares (sharp at any print size, no image to embed). The module matrix comes from the
 * `qrcode` package; tests rasterise the same matrix and decode it, so what is drawn is what a phone reads.
 */

/**
 * The dark modules of `payload`'s QR code (error correction M: a smudged or folded print still reads). One byte-mode
 * segment and a fixed mask pattern: choosing the segmentation and scoring all eight masks took most of the time of
 * printing ten thousand ballots, and any mask decodes the same.
 */
export function qrMatrix(payload: string): { size: number; dark: (row: number, column: number) => boolean } {
  const { modules } = QRCode.create([{ data: Buffer.from(payload, 'utf8'), mode: 'byte' }], {
    errorCorrectionLevel: 'M',
    maskPattern: 2,
  });
  return { size: modules.size, dark: (row, column) => modules.get(row, column) === 1 };
}

/** Quiet zone around the code, in modules (the standard asks for four). */
export const QUIET_MODULES = 4;

/** Draws `payload`'s QR code in a `width`-point square at (x, y), quiet zone included. */
export function drawQr(doc: PDFKit.PDFDocument, payload: string, x: number, y: number, width: number): void {
  const matrix = qrMatrix(payload);
  const cell = width / (matrix.size + 2 * QUIET_MODULES);
  doc.save();
  for (let row = 0; row < matrix.size; row += 1) {
    let column = 0;
    while (column < matrix.size) {
      if (!matrix.dark(row, column)) {
        column += 1;
        continue;
      }
      const start = column;
      while (column < matrix.size && matrix.dark(row, column)) column += 1;
      doc.rect(
        x + (start + QUIET_MODULES) * cell,
        y + (row + QUIET_MODULES) * cell,
        (column - start) * cell,
        cell + 0.01,
      );
    }
  }
  doc.fill('#000000');
  doc.restore();
}
