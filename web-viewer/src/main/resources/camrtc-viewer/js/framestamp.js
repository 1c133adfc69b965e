// Frame stamp decoder (PROTOCOL.md section 7).
// The top 2/30 of a test-pattern frame holds 2 rows x 40 columns of black/white blocks:
// bits 1,0 | 24-bit frame counter | 44-bit capture time (ms since epoch) | CRC-8 | 0,1.

export const STAMP_COLUMNS = 40;
export const STAMP_ROWS = 2;
export const STAMP_BLOCKS = STAMP_COLUMNS * STAMP_ROWS;
const MIN_CONTRAST = 60;
const MARGIN = 0.2;

/** Height in pixels of the stamp band of an image `height` pixels tall. */
export function bandHeight(height) {
  return Math.round(height * 2 / 30);
}

/** CRC-8, polynomial 0x07, init 0, no reflection, no final XOR. */
export function crc8(bytes) {
  let crc = 0;
  for (const b of bytes) {
    crc ^= b & 0xff;
    for (let i = 0; i < 8; i++) {
      crc = (crc & 0x80) ? ((crc << 1) ^ 0x07) & 0xff : (crc << 1) & 0xff;
    }
  }
  return crc;
}

/** The 9 CRC input bytes: counter (3 bytes) then ms (6 bytes), big-endian. */
export function stampBytes(counter, ms) {
  const bytes = new Array(9);
  bytes[0] = (counter >>> 16) & 0xff;
  bytes[1] = (counter >>> 8) & 0xff;
  bytes[2] = counter & 0xff;
  let rest = ms;
  for (let i = 8; i >= 3; i--) {
    bytes[i] = rest % 256;
    rest = Math.floor(rest / 256);
  }
  return bytes;
}

/**
 * Mean luma (BT.601) of the centre half of every block.
 * `rgba` holds `width` x (at least the band's height) RGBA pixels, row 0 = image row 0.
 */
export function blockLumas(rgba, width, imageHeight) {
  const band = bandHeight(imageHeight);
  const lumas = new Float64Array(STAMP_BLOCKS);
  for (let k = 0; k < STAMP_BLOCKS; k++) {
    const r = Math.floor(k / STAMP_COLUMNS);
    const c = k % STAMP_COLUMNS;
    const y0 = Math.round(r * band / STAMP_ROWS), y1 = Math.round((r + 1) * band / STAMP_ROWS);
    const x0 = Math.round(c * width / STAMP_COLUMNS), x1 = Math.round((c + 1) * width / STAMP_COLUMNS);
    const qy = (y1 - y0) / 4, qx = (x1 - x0) / 4;
    const ya = Math.round(y0 + qy), yb = Math.max(ya + 1, Math.round(y1 - qy));
    const xa = Math.round(x0 + qx), xb = Math.max(xa + 1, Math.round(x1 - qx));
    let sum = 0, n = 0;
    for (let y = ya; y < yb; y++) {
      let i = (y * width + xa) * 4;
      for (let x = xa; x < xb; x++, i += 4) {
        sum += 0.299 * rgba[i] + 0.587 * rgba[i + 1] + 0.114 * rgba[i + 2];
        n++;
      }
    }
    lumas[k] = sum / n;
  }
  return lumas;
}

/** Decodes block lumas; returns {counter, ms} or null when the frame carries no valid stamp. */
export function decodeLumas(lumas) {
  const white = (lumas[0] + lumas[STAMP_BLOCKS - 1]) / 2;
  const black = (lumas[1] + lumas[STAMP_BLOCKS - 2]) / 2;
  const contrast = white - black;
  if (contrast < MIN_CONTRAST) return null;
  const threshold = (white + black) / 2;
  const margin = MARGIN * contrast;
  const bits = new Uint8Array(STAMP_BLOCKS);
  for (let k = 0; k < STAMP_BLOCKS; k++) {
    if (Math.abs(lumas[k] - threshold) < margin) return null;
    bits[k] = lumas[k] > threshold ? 1 : 0;
  }
  if (bits[0] !== 1 || bits[1] !== 0 || bits[78] !== 0 || bits[79] !== 1) return null;
  const counter = readBits(bits, 2, 24);
  const ms = readBits(bits, 26, 44);
  const crc = readBits(bits, 70, 8);
  if (crc8(stampBytes(counter, ms)) !== crc) return null;
  return { counter, ms };
}

/** Decodes the stamp of an RGBA image (at least its band); null when there is none. */
export function decodeFrameStamp(rgba, width, imageHeight) {
  if (width < STAMP_COLUMNS || bandHeight(imageHeight) < STAMP_ROWS) return null;
  return decodeLumas(blockLumas(rgba, width, imageHeight));
}

function readBits(bits, from, count) {
  let value = 0;
  for (let i = 0; i < count; i++) value = value * 2 + bits[from + i];
  return value;
}
