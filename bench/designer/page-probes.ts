/**
 * Code the bench runs inside the designer page. Kept as plain-JavaScript strings on purpose: `tsx` compiles bench code
 * with esbuild's keepNames, whose `__name` helper would be missing in the page if these were serialised functions.
 */

/**
 * Installed before each navigation: checks every animation frame whether the editor shows all `nodeCount` nodes
 * (present and measured by React Flow — unmeasured nodes are `visibility: hidden`) and records `performance.now()`,
 * i.e. milliseconds since navigation start, at the first frame where it does.
 */
export function firstRenderProbe(nodeCount: number): string {
  return `(() => {
    const probe = { renderedAt: null, firstNodeAt: null };
    window.__gongzhiFirstRender = probe;
    const check = () => {
      const nodes = document.querySelectorAll('.react-flow__node');
      if (nodes.length > 0 && probe.firstNodeAt === null) probe.firstNodeAt = performance.now();
      if (nodes.length >= ${nodeCount}) {
        let measured = true;
        for (const node of nodes) if (node.style.visibility === 'hidden') { measured = false; break; }
        if (measured) { probe.renderedAt = performance.now(); return; }
      }
      requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  })()`;
}

/** True once the first-render probe has fired. */
export const firstRenderDone = 'window.__gongzhiFirstRender && window.__gongzhiFirstRender.renderedAt !== null';

/**
 * Milliseconds from navigation start to: the app's script loaded, the template's definition received, the first node
 * in the DOM, and all nodes rendered and measured.
 */
export function openingTimeline(templatePath: string): string {
  return `(() => {
    const resources = performance.getEntriesByType('resource');
    const ended = (match) => {
      const entry = resources.find((candidate) => match(candidate.name));
      return entry ? entry.responseEnd : null;
    };
    return {
      scriptLoadedAt: ended((name) => /\\/assets\\/.*\\.js$/.test(name)),
      templateReceivedAt: ended((name) => name.endsWith(${JSON.stringify(templatePath)})),
      firstNodeAt: window.__gongzhiFirstRender.firstNodeAt,
      renderedAt: window.__gongzhiFirstRender.renderedAt,
    };
  })()`;
}

/** The duration of the designer's latest validation run (its `gongzhi:validate` User Timing measure), or null. */
export function latestMeasure(name: string): string {
  return `(() => {
    const entries = performance.getEntriesByName(${JSON.stringify(name)}, 'measure');
    const last = entries[entries.length - 1];
    return last ? { duration: last.duration, startTime: last.startTime } : null;
  })()`;
}

/** Starts recording the time between consecutive animation frames (requestAnimationFrame deltas). */
export const startFrameRecorder = `(() => {
  const recorder = { deltas: [], running: true, last: null };
  window.__gongzhiFrames = recorder;
  const tick = (time) => {
    if (!recorder.running) return;
    if (recorder.last !== null) recorder.deltas.push(time - recorder.last);
    recorder.last = time;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;

/** Stops the frame recorder and returns its deltas in milliseconds. */
export const stopFrameRecorder = `(() => {
  const recorder = window.__gongzhiFrames;
  recorder.running = false;
  return recorder.deltas;
})()`;

/**
 * A point of the empty canvas (the React Flow pane, not a node, edge, minimap or control) near the middle of the
 * canvas, where a drag pans the view; null when none is found.
 */
export const emptyPanePoint = `(() => {
  const canvas = document.querySelector('[data-testid="canvas"]');
  if (!canvas) return null;
  const box = canvas.getBoundingClientRect();
  const candidates = [];
  for (let fx = 0.3; fx <= 0.7; fx += 0.02) for (let fy = 0.3; fy <= 0.7; fy += 0.02) candidates.push([fx, fy]);
  candidates.sort((a, b) => Math.hypot(a[0] - 0.5, a[1] - 0.5) - Math.hypot(b[0] - 0.5, b[1] - 0.5));
  for (const [fx, fy] of candidates) {
    const x = box.left + box.width * fx;
    const y = box.top + box.height * fy;
    const hit = document.elementFromPoint(x, y);
    if (hit && hit.classList.contains('react-flow__pane')) return { x, y };
  }
  return null;
})()`;
