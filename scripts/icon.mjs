#!/usr/bin/env node
// Draws the extension's icon (images/icon.png, 128x128): a rounded teal square with three rising
// bars and a cap line above them, the product in one picture (cost, bounded). Written as a PNG
// with zlib so no image tool is needed; run `node scripts/icon.mjs` after changing it.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const N = 128;
const px = Buffer.alloc(N * N * 4);
const set = (x, y, [r, g, b, a]) => {
  const i = (y * N + x) * 4;
  px[i] = r;
  px[i + 1] = g;
  px[i + 2] = b;
  px[i + 3] = a;
};
const inRounded = (x, y, x0, y0, x1, y1, r) => {
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
const BG = [16, 122, 110, 255];
const FG = [255, 255, 255, 255];
const CAP = [255, 196, 61, 255];
for (let y = 0; y < N; y++) {
  for (let x = 0; x < N; x++) {
    let c = [0, 0, 0, 0];
    if (inRounded(x + 0.5, y + 0.5, 4, 4, 124, 124, 22)) c = BG;
    // Three bars, rising.
    for (const [x0, top] of [
      [28, 78],
      [54, 58],
      [80, 40],
    ])
      if (x >= x0 && x < x0 + 20 && y >= top && y < 100) c = FG;
    // The cap: a line above the bars.
    if (y >= 26 && y < 32 && x >= 22 && x < 106) c = CAP;
    set(x, y, c);
  }
}
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const c = Buffer.alloc(4);
  c.writeUInt32BE(crc(td));
  return Buffer.concat([len, td, c]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(N, 0);
ihdr.writeUInt32BE(N, 4);
ihdr[8] = 8;
ihdr[9] = 6;
ihdr[10] = 0;
ihdr[11] = 0;
ihdr[12] = 0;
const raw = Buffer.alloc(N * (N * 4 + 1));
for (let y = 0; y < N; y++) px.copy(raw, y * (N * 4 + 1) + 1, y * N * 4, (y + 1) * N * 4);
const png = Buffer.concat([
  Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(raw)),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('../images/icon.png', import.meta.url), png);
console.log(`wrote images/icon.png (${png.length} bytes)`);
