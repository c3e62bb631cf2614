// Draws the two tab-bar icons (驿站, 我的) as 81×81 PNGs, grey and brand-coloured.
// WeChat's tabBar needs image files (no icon fonts, no SVG); generating them keeps the shapes
// reviewable as code. Run: node client/scripts/tab-icons.mjs
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const size = 81;
const samples = 4; // supersampling per axis, for anti-aliased edges
const colors = { normal: [0x7a, 0x7a, 0x7a], active: [0x1f, 0x7a, 0x5c] };
const outDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src/assets/tabbar');

const inPolygon = (points, x, y) => {
  let inside = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const [xi, yi] = points[i];
    const [xj, yj] = points[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
};
const inRect = (x0, y0, x1, y1, x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const inEllipse = (cx, cy, rx, ry, x, y) => ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1;

/** A rest station: a roof, a body, a door, and a water drop cut into the wall. */
const station = (x, y) => {
  const roof = inPolygon(
    [
      [40.5, 8],
      [76, 38],
      [66, 38],
      [40.5, 17],
      [15, 38],
      [5, 38],
    ],
    x,
    y,
  );
  const body = inRect(16, 36, 65, 72, x, y);
  const door = inRect(34, 52, 47, 72, x, y);
  const window = inEllipse(40.5, 43, 5, 5, x, y);
  return roof || (body && !door && !window);
};

/** A person: head and shoulders. */
const person = (x, y) => {
  const head = inEllipse(40.5, 25, 14, 14, x, y);
  const shoulders = inEllipse(40.5, 74, 30, 28, x, y) && y <= 72;
  return head || shoulders;
};

function rasterize(shape, [r, g, b]) {
  const rows = [];
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 4); // filter byte 0, then RGBA
    for (let px = 0; px < size; px++) {
      let hits = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          if (shape(px + (sx + 0.5) / samples, py + (sy + 0.5) / samples)) hits++;
        }
      }
      row.set([r, g, b, Math.round((255 * hits) / samples ** 2)], 1 + px * 4);
    }
    rows.push(row);
  }
  return Buffer.concat(rows);
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buffer) => {
  let c = 0xffffffff;
  for (const byte of buffer) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
};

function png(pixels) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

for (const [name, shape] of Object.entries({ stations: station, me: person })) {
  for (const [state, color] of Object.entries(colors)) {
    const file = path.join(outDir, `${name}${state === 'active' ? '-active' : ''}.png`);
    writeFileSync(file, png(rasterize(shape, color)));
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  }
}
