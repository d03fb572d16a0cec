import type { Locator, Page } from 'playwright-core';

/** A point on the screen, in CSS pixels of the page. */
export interface ScreenPoint {
  x: number;
  y: number;
}

/** The centre of an element on screen (it must be laid out). */
export async function centreOf(locator: Locator): Promise<ScreenPoint> {
  const box = await locator.boundingBox();
  if (!box) throw new Error(`${String(locator)} has no box on screen`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/**
 * Presses the mouse at `from`, moves to `to` in small steps (React Flow starts a drag or a connection only after the
 * pointer has moved) and releases it: how a person drags a node or draws a wire.
 */
export async function dragMouse(page: Page, from: ScreenPoint, to: ScreenPoint, steps = 15): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 4, from.y + 4, { steps: 2 });
  await page.mouse.move(to.x, to.y, { steps });
  await page.mouse.up();
}

/** Draws a wire from an outcome handle to a node's target handle, as a person would with the mouse. */
export async function connectHandles(page: Page, source: Locator, target: Locator): Promise<void> {
  await dragMouse(page, await centreOf(source), await centreOf(target));
}

/**
 * Drags a palette entry onto the canvas (HTML5 drag and drop, which Playwright performs natively in Chromium) and
 * drops it at `at`, a point on screen inside the canvas.
 */
export async function dropFromPalette(paletteEntry: Locator, canvas: Locator, at: ScreenPoint): Promise<void> {
  const box = await canvas.boundingBox();
  if (!box) throw new Error('the canvas is not on screen');
  await paletteEntry.dragTo(canvas, { targetPosition: { x: at.x - box.x, y: at.y - box.y } });
}

/**
 * A point on an edge's drawn path, `fraction` of the way along it (0: at its source handle). Clicking the middle of
 * an edge's bounding box can hit a neighbouring wire; a point on the path itself, near its source where wires leaving
 * different outcome handles are still apart, selects exactly this one.
 */
export async function pointOnEdge(page: Page, edgeId: string, fraction: number): Promise<ScreenPoint> {
  const point = await page.evaluate(
    ({ id, along }) => {
      const edges = Array.from(document.querySelectorAll('.react-flow__edge'));
      const edge = edges.find((candidate) => candidate.getAttribute('data-id') === id);
      const path = edge ? edge.querySelector('path.react-flow__edge-path') : null;
      if (!(path instanceof SVGPathElement)) return null;
      const matrix = path.getScreenCTM();
      if (!matrix) return null;
      const onPath = path.getPointAtLength(path.getTotalLength() * along);
      const screen = new DOMPoint(onPath.x, onPath.y).matrixTransform(matrix);
      return { x: screen.x, y: screen.y };
    },
    { id: edgeId, along: fraction },
  );
  if (!point) throw new Error(`edge ${edgeId} is not drawn on the canvas`);
  return point;
}
