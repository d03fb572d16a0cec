import { create } from 'qrcode';
import { useMemo } from 'react';

/**
 * A QR code as inline SVG: the `qrcode` package encodes (error correction M, enough for a printed letter that gets
 * folded), the modules are drawn as one path — synchronous, so a letter is complete before the print dialog opens.
 */
export function QrCode({ text, size = 132, label }: { text: string; size?: number; label: string }) {
  const { modules, path } = useMemo(() => {
    const matrix = create(text, { errorCorrectionLevel: 'M' }).modules;
    let drawn = '';
    for (let row = 0; row < matrix.size; row += 1)
      for (let column = 0; column < matrix.size; column += 1)
        if (matrix.get(row, column)) drawn += `M${column} ${row}h1v1h-1z`;
    return { modules: matrix.size, path: drawn };
  }, [text]);
  const quiet = 2;
  const side = modules + quiet * 2;
  return (
    <svg
      className="qr-code"
      role="img"
      aria-label={label}
      width={size}
      height={size}
      viewBox={`${-quiet} ${-quiet} ${side} ${side}`}
      shapeRendering="crispEdges"
    >
      <rect x={-quiet} y={-quiet} width={side} height={side} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
