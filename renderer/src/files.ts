/** Files crossing the contract as base64, and files handed to the user as downloads. */

export function toBase64(data: ArrayBuffer | Uint8Array): string {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  let s = '';
  // In slices: spreading a whole large file into fromCharCode overflows the call stack.
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** Hands content to the browser (or Electron's save prompt) as a download. */
export function downloadBlob(fileName: string, parts: BlobPart[], type: string): void {
  const url = URL.createObjectURL(new Blob(parts, { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  // Released once the browser has taken the file; revoking at once can cancel the download.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function downloadBase64(fileName: string, contentBase64: string, type: string): void {
  downloadBlob(fileName, [Uint8Array.from(atob(contentBase64), (c) => c.charCodeAt(0))], type);
}
