/**
 * Small files whose leading bytes are those of their type (what the server's sniffing checks), each made distinct
 * by `tag` so tests can tell uploads apart.
 */
const bytes = (head: readonly number[] | string, tag: string, size = 64): Buffer => {
  const start = typeof head === 'string' ? Buffer.from(head, 'latin1') : Buffer.from(head);
  const body = Buffer.alloc(Math.max(size - start.length, 0), `|${tag}`);
  return Buffer.concat([start, body]);
};

export const samples = {
  png: (tag = 'png', size?: number) => bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], tag, size),
  jpeg: (tag = 'jpeg', size?: number) => bytes([0xff, 0xd8, 0xff, 0xe0], tag, size),
  webp: (tag = 'webp', size?: number) => bytes('RIFF\u0000\u0000\u0000\u0000WEBPVP8 ', tag, size),
  pdf: (tag = 'pdf', size?: number) => bytes('%PDF-1.7\n', tag, size),
  docx: (tag = 'docx', size?: number) => bytes([0x50, 0x4b, 0x03, 0x04], tag, size),
  doc: (tag = 'doc', size?: number) => bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], tag, size),
  html: (tag = 'html', size?: number) => bytes('<!doctype html><script>alert(1)</script>', tag, size),
};
