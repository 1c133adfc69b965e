// RVL decoding (PROTOCOL.md 8), byte for byte the format of ROS's compressed_depth_image_transport
// CompressRVL: runs of zeros and non-zeros, zig-zag deltas, 4-bit nibbles (3 value bits, high bit = more)
// packed into 32-bit little-endian words from the most significant end. Strict: accepts exactly what
// the encoder writes for the given pixel count and never reads or writes outside its arrays.

/** Largest zig-zag code of a difference of two uint16 values. */
const MAX_ZIGZAG = 131070;
/** 11 nibbles carry 33 bits. */
const MAX_NIBBLES = 11;

export class DepthFormatError extends Error {}

/** The most bytes an RVL image of `pixels` pixels can take (as media's RvlCodec.maxEncodedSize). */
export function maxRvlBytes(pixels) {
  const nibbles = 6 * pixels + 12 + 6 * Math.floor(pixels / 32768);
  return Math.floor((nibbles + 7) / 8) * 4;
}

/**
 * Decodes the RVL bytes `input` (a Uint8Array, whole) into the first `pixels` values of `out` (Uint16Array).
 * @throws {DepthFormatError} when the bytes are not one whole RVL image of `pixels` pixels
 */
export function decodeRvl(input, out, pixels) {
  if (out.length < pixels) throw new RangeError(`${pixels} pixels do not fit an array of ${out.length}`);
  const length = input.byteLength;
  if (length % 4 !== 0) throw new DepthFormatError(`RVL data of ${length} bytes is not a whole number of 32-bit words`);
  const view = new DataView(input.buffer, input.byteOffset, length);
  let pos = 0;
  let word = 0;
  let nibbles = 0;

  function take(what, max) {
    let value = 0;
    let scale = 1;
    for (let n = 0; ; n++) {
      if (n === MAX_NIBBLES) throw new DepthFormatError(`${what} longer than ${MAX_NIBBLES} nibbles`);
      if (nibbles === 0) {
        if (pos === length) throw new DepthFormatError(`RVL data truncated: it ends inside a ${what}`);
        word = view.getUint32(pos, true);
        pos += 4;
        nibbles = 8;
      }
      const nibble = word >>> 28;
      word = (word << 4) >>> 0;
      nibbles--;
      value += (nibble & 7) * scale;
      scale *= 8;
      if ((nibble & 8) === 0) break;
    }
    if (value > max) throw new DepthFormatError(`${what} of ${value} where at most ${max} fits`);
    return value;
  }

  let i = 0;
  let previous = 0;
  while (i < pixels) {
    const zeros = take('zero run', pixels - i);
    out.fill(0, i, i + zeros);
    i += zeros;
    const nonzeros = take('non-zero run', pixels - i);
    if (zeros === 0 && nonzeros === 0) throw new DepthFormatError(`empty run pair at pixel ${i} of ${pixels}`);
    for (const stop = i + nonzeros; i < stop; i++) {
      const code = take('difference', MAX_ZIGZAG);
      const current = previous + ((code >>> 1) ^ -(code & 1));
      if (current < 1 || current > 0xffff) throw new DepthFormatError(`pixel ${i} of a non-zero run decodes to ${current}`);
      out[i] = current;
      previous = current;
    }
  }
  if (nibbles > 0 && word !== 0) throw new DepthFormatError(`non-zero padding after the last of ${pixels} pixels`);
  if (pos !== length) throw new DepthFormatError(`${length - pos} bytes after the last of ${pixels} pixels (overlong)`);
}

/** Copies a raw frame (uint16 little-endian, row-major) into `out`. */
export function decodeRaw(input, out, pixels) {
  if (input.byteLength !== pixels * 2) throw new DepthFormatError(`a raw frame of ${pixels} pixels is ${pixels * 2} bytes, not ${input.byteLength}`);
  const view = new DataView(input.buffer, input.byteOffset, input.byteLength);
  for (let i = 0; i < pixels; i++) out[i] = view.getUint16(2 * i, true);
}
