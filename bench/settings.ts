/** A whole-number bench setting from the environment (`fallback` when unset); anything else below `min` is refused. */
export function intFromEnv(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name}=${raw}: expected an integer ≥ ${min}`);
  return value;
}

/** The bench measures loopback figures and must not load anyone's cluster: only 127.0.0.1 / localhost / ::1. */
export function assertLoopback(address: string): void {
  const host = address.startsWith('[') ? address.slice(1, address.indexOf(']')) : address.split(':')[0];
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') {
    throw new Error(
      `TEMPORAL_ADDRESS=${address}: the bench only targets a loopback server (127.0.0.1, localhost, ::1)`,
    );
  }
}
