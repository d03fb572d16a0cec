/**
 * Hands a fetched file to the browser as a download named `fileName`. Files behind the API need the bearer token, so
 * they are fetched by the client and saved through a blob link (exports, CSV, printable PDFs).
 */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
