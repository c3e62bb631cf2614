/** A file the user picked, read only when asked (so the page can show 读取文件 as its own step). */
export interface ChosenFile {
  name: string;
  /** Bytes. */
  size: number;
  /** The content as base64 (no data: prefix). */
  readBase64(): Promise<string>;
}

/** Why no file came back: the user closed the chooser, or the device could not give one. */
export class FileChoiceError extends Error {
  constructor(
    readonly reason: 'cancelled' | 'unavailable',
    options?: { cause?: unknown },
  ) {
    super(`file choice ${reason}`, options);
    this.name = 'FileChoiceError';
  }
}
