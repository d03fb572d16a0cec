import { kinds, type NodeKind } from '../../../../definitions/kinds';

/** The drag-and-drop data type the palette sets and the canvas accepts. */
export const paletteDragType = 'application/x-gongzhi-kind';

/** The node kind a drop carries, if it names one the registry knows. */
export function parseKind(value: string): NodeKind | undefined {
  return Object.keys(kinds).find((kind): kind is NodeKind => kind === value);
}
