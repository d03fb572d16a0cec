import { existsSync } from 'node:fs';

/**
 * The CJK font the printed documents embed (subset: only the glyphs a document uses). Debian's `fonts-noto-cjk`
 * (思源黑体 / Noto Sans CJK, SIL OFL 1.1) ships it as one TrueType collection; the face inside is named by its
 * PostScript name. npm has no package shipping a complete Simplified-Chinese face as one file (the Noto Sans SC
 * packages carry hundreds of WOFF2 slices by Unicode range, useless for embedding), so the documents read Debian's.
 */
export interface CjkFont {
  path: string;
  /** The face within a collection (PostScript name); undefined for a single-face file. */
  face?: string;
}

export interface CjkFonts {
  regular: CjkFont;
  /** Headings; the regular face when no bold one is installed. */
  bold: CjkFont;
}

const notoDir = '/usr/share/fonts/opentype/noto';

/** Where the regular and bold faces are looked for, in order. */
export const cjkFontCandidates: { regular: CjkFont; bold: CjkFont }[] = [
  {
    regular: { path: `${notoDir}/NotoSansCJK-Regular.ttc`, face: 'NotoSansCJKsc-Regular' },
    bold: { path: `${notoDir}/NotoSansCJK-Bold.ttc`, face: 'NotoSansCJKsc-Bold' },
  },
  {
    regular: { path: `${notoDir}/NotoSerifCJK-Regular.ttc`, face: 'NotoSerifCJKsc-Regular' },
    bold: { path: `${notoDir}/NotoSerifCJK-Bold.ttc`, face: 'NotoSerifCJKsc-Bold' },
  },
];

/** The font is not installed: the documents cannot be printed (HTTP 503 `documents.font-missing`). */
export class FontMissingError extends Error {
  readonly code = 'documents.font-missing';
  constructor(readonly tried: string[]) {
    super(
      `未安装中文字体（Debian 软件包 fonts-noto-cjk），无法生成 PDF；已查找：${tried.join('、')} / ` +
        `no CJK font is installed (Debian package fonts-noto-cjk), so no PDF can be made; looked for: ${tried.join(', ')}`,
    );
    this.name = 'FontMissingError';
  }
}

/** The first installed candidate (its bold face if installed too), or a {@link FontMissingError}. */
export function findCjkFonts(candidates = cjkFontCandidates): CjkFonts {
  for (const candidate of candidates) {
    if (!existsSync(candidate.regular.path)) continue;
    return { regular: candidate.regular, bold: existsSync(candidate.bold.path) ? candidate.bold : candidate.regular };
  }
  throw new FontMissingError(candidates.map((candidate) => candidate.regular.path));
}
