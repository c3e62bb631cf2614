import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  text(): string;
}

/**
 * The entries of a zip, read from its central directory (signature 0x02014b50), so the test needs
 * no unzip tool or library. Handles stored and deflated entries, which is all the packager writes.
 */
export function zipEntries(file: string): ZipEntry[] {
  const buffer = readFileSync(file);
  const entries: ZipEntry[] = [];
  for (let offset = 0; offset < buffer.length - 46; offset++) {
    if (buffer.readUInt32LE(offset) !== 0x02014b50) continue;
    const method = buffer.readUInt16LE(offset + 10);
    const compressedSize = buffer.readUInt32LE(offset + 20);
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extraLength = buffer.readUInt16LE(offset + 30);
    const commentLength = buffer.readUInt16LE(offset + 32);
    const localOffset = buffer.readUInt32LE(offset + 42);
    const name = buffer.toString('utf8', offset + 46, offset + 46 + nameLength);
    entries.push({
      name,
      text: () => {
        const dataStart =
          localOffset + 30 + buffer.readUInt16LE(localOffset + 26) + buffer.readUInt16LE(localOffset + 28);
        const data = buffer.subarray(dataStart, dataStart + compressedSize);
        return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
      },
    });
    offset += 45 + nameLength + extraLength + commentLength;
  }
  return entries;
}
