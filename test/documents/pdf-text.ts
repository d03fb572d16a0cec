import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import jsQR from 'jsqr';
import { qrMatrix, QUIET_MODULES } from '../../server/documents/qr';

const run = promisify(execFile);

/** The text of each page of a PDF, read back with pdfjs-dist (what a reader's copy-and-paste would give). */
export async function pdfText(bytes: Buffer): Promise<{ pages: string[]; info: Record<string, unknown> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'gongzhi-pdf-'));
  try {
    const file = path.join(dir, 'document.pdf');
    await writeFile(file, bytes);
    const { stdout } = await run(process.execPath, [path.join(__dirname, 'extract-text.mjs'), file], {
      maxBuffer: 512 * 1024 * 1024,
    });
    return JSON.parse(stdout) as { pages: string[]; info: Record<string, unknown> };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Text as one string without the line breaks and spaces a layout puts in (CJK text wraps anywhere). */
export const squeezed = (text: string): string => text.replace(/\s+/g, '');

/**
 * Decodes the QR code the documents draw for `payload`: the same module matrix rasterised (4 pixels a module, quiet
 * zone included) and read by jsQR, as a phone camera would.
 */
export function decodeDrawnQr(payload: string): string | undefined {
  const matrix = qrMatrix(payload);
  const scale = 4;
  const side = (matrix.size + 2 * QUIET_MODULES) * scale;
  const pixels = new Uint8ClampedArray(side * side * 4).fill(255);
  for (let row = 0; row < matrix.size; row += 1)
    for (let column = 0; column < matrix.size; column += 1) {
      if (!matrix.dark(row, column)) continue;
      for (let dy = 0; dy < scale; dy += 1)
        for (let dx = 0; dx < scale; dx += 1) {
          const offset = (((row + QUIET_MODULES) * scale + dy) * side + (column + QUIET_MODULES) * scale + dx) * 4;
          pixels[offset] = pixels[offset + 1] = pixels[offset + 2] = 0;
        }
    }
  return jsQR(pixels, side, side)?.data;
}
