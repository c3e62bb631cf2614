// Picked by Taro's multi-platform resolution for the H5 build; see templateFile.ts.
export type { GeneratedFile } from './templateFile';

import type { GeneratedFile } from './templateFile';

const mimeTypes = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv;charset=utf-8',
} as const;

/** Saves the file through the browser's download, under its Chinese name. */
export async function saveGeneratedFile(file: GeneratedFile): Promise<void> {
  const bytes = Uint8Array.from(atob(file.content), (char) => char.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: mimeTypes[file.format] }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The download has started from the link; the object can go once the click is handled.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
