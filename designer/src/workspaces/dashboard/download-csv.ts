import { saveBlob } from '../../shell/save-blob';

/** Saves `csv` as a download named `name` (the browser's own download). */
export function downloadCsv(name: string, csv: string): void {
  saveBlob(new Blob([csv], { type: 'text/csv;charset=utf-8' }), name);
}
