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

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const WHAT = ['zero run', 'non-zero run', 'difference'];

/**
 * Decodes the RVL bytes `input` (a Uint8Array, whole) into the first `pixels` values of `out` (Uint16Array).
 * One pass over the nibbles with a small state machine (zero run, non-zero run, differences) in local
 * variables: about as fast as the browser's JIT gets.
 * @throws {DepthFormatError} when the bytes are not one whole RVL image of `pixels` pixels
 */
export function decodeRvl(input, out, pixels) {
  if (out.length < pixels) throw new RangeError(`${pixels} pixels do not fit an array of ${out.length}`);
  const length = input.byteLength;
  if (length % 4 !== 0) throw new DepthFormatError(`RVL data of ${length} bytes is not a whole number of 32-bit words`);
  const words = length / 4;
  if (pixels === 0) {
    if (words !== 0) throw new DepthFormatError(`${length} bytes after the last of 0 pixels (overlong)`);
    return;
  }
  const aligned = LITTLE_ENDIAN && input.byteOffset % 4 === 0;
  const u32 = aligned ? new Uint32Array(input.buffer, input.byteOffset, words) : null;
  const view = aligned ? null : new DataView(input.buffer, input.byteOffset, length);
  let i = 0;
  let previous = 0;
  let state = 0; // 0: next is a zero run, 1: a non-zero run, 2: differences
  let zeros = 0;
  let remaining = 0;
  let value = 0;
  let scale = 1;
  let n = 0;
  for (let k = 0; k < words; k++) {
    let w = aligned ? u32[k] : view.getUint32(4 * k, true);
    for (let j = 0; j < 8; j++) {
      const nibble = w >>> 28;
      w = (w << 4) >>> 0;
      value += (nibble & 7) * scale;
      if (nibble & 8) {
        scale *= 8;
        if (++n === MAX_NIBBLES) throw new DepthFormatError(`${WHAT[state]} longer than ${MAX_NIBBLES} nibbles`);
        continue;
      }
      if (state === 0) {
        if (value > pixels - i) throw new DepthFormatError(`zero run of ${value} where at most ${pixels - i} fits`);
        out.fill(0, i, i + value);
        i += value;
        zeros = value;
        state = 1;
      } else if (state === 1) {
        if (value > pixels - i) throw new DepthFormatError(`non-zero run of ${value} where at most ${pixels - i} fits`);
        if (zeros === 0 && value === 0) throw new DepthFormatError(`empty run pair at pixel ${i} of ${pixels}`);
        remaining = value;
        state = value === 0 ? 0 : 2;
      } else {
        if (value > MAX_ZIGZAG) throw new DepthFormatError(`difference of ${value} where at most ${MAX_ZIGZAG} fits`);
        const current = previous + ((value >>> 1) ^ -(value & 1));
        if (current < 1 || current > 0xffff) throw new DepthFormatError(`pixel ${i} of a non-zero run decodes to ${current}`);
        out[i++] = current;
        previous = current;
        if (--remaining === 0) state = 0;
      }
      value = 0;
      scale = 1;
      n = 0;
      if (state === 0 && i === pixels) {
        // the end: the rest of this word is zero padding, and no word follows
        if (w !== 0) throw new DepthFormatError(`non-zero padding after the last of ${pixels} pixels`);
        if (k !== words - 1) throw new DepthFormatError(`${length - 4 * (k + 1)} bytes after the last of ${pixels} pixels (overlong)`);
        return;
      }
    }
  }
  throw new DepthFormatError(`RVL data truncated: it ends inside a ${WHAT[state]}`);
}

/** Copies a raw frame (uint16 little-endian, row-major) into `out`. */
export function decodeRaw(input, out, pixels) {
  if (input.byteLength !== pixels * 2) throw new DepthFormatError(`a raw frame of ${pixels} pixels is ${pixels * 2} bytes, not ${input.byteLength}`);
  const view = new DataView(input.buffer, input.byteOffset, input.byteLength);
  for (let i = 0; i < pixels; i++) out[i] = view.getUint16(2 * i, true);
}
