import { render } from '@testing-library/react';
import jsQR from 'jsqr';
import { QrCode } from '../src/workspaces/votes/qr-code';

/** The dark modules an SVG path of `M{x} {y}h1v1h-1z` squares draws, as an RGBA image (`scale` px per module). */
function rasterise(path: string, viewBox: string, scale = 4): { data: Uint8ClampedArray; side: number } {
  const [originX = 0, originY = 0, width = 0] = viewBox.split(' ').map(Number);
  const side = width * scale;
  const data = new Uint8ClampedArray(side * side * 4).fill(255);
  for (const [, x, y] of path.matchAll(/M(\d+) (\d+)h1v1h-1z/g)) {
    const left = (Number(x) - originX) * scale;
    const top = (Number(y) - originY) * scale;
    for (let row = top; row < top + scale; row += 1)
      for (let column = left; column < left + scale; column += 1)
        data.fill(0, (row * side + column) * 4, (row * side + column) * 4 + 3);
  }
  return { data, side };
}

describe("owners' letters: QR code", () => {
  test('given a ballot link, when its QR code is drawn, then a QR reader decodes the drawn SVG back to that link', () => {
    const url = 'https://gongzhi.example/ballot/AbCdEfGhIjKlMnOpQrStUv';
    const { container } = render(<QrCode text={url} label="投票二维码" />);
    const svg = container.querySelector('svg')!;
    const path = svg.querySelector('path')!.getAttribute('d')!;

    const { data, side } = rasterise(path, svg.getAttribute('viewBox')!);

    expect(jsQR(data, side, side)?.data).toBe(url);
  });
});
