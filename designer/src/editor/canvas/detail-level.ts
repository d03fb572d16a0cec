import { useStore, type ReactFlowState } from '@xyflow/react';
import { createContext, useContext } from 'react';

/**
 * Below this zoom a node's text is too small to read and its handles too small to grab: nodes are drawn as a box with
 * a large title only (no kind row, outcome rows or handles) and wires without their labels, which a 300-node template
 * renders and paints several times faster. Wires still meet the nodes: their handle positions are known up front
 * (node-geometry), not measured from the DOM.
 */
export const lowDetailZoom = 0.4;

const isZoomedOut = (state: ReactFlowState) => state.transform[2] < lowDetailZoom;

/** The canvas's one subscription to the zoom: true while zoomed out below {@link lowDetailZoom}. */
export const useZoomedOutState = (): boolean => useStore(isZoomedOut);

/** Provided by the canvas; nodes and wires re-render only when it flips. */
export const ZoomedOutContext = createContext(false);

/** True while the canvas is zoomed out below {@link lowDetailZoom}. */
export const useZoomedOut = (): boolean => useContext(ZoomedOutContext);
