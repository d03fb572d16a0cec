/** Why a request was refused: a stable code, a message (Chinese / English) and optional details. */
export interface Rejection {
  code: string;
  message: string;
  details?: unknown;
}
