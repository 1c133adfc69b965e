// Joins the depth chunks of PROTOCOL.md 8 back into frames: every chunk a 24-byte little-endian header
// (magic CZ16, uint32 counter, uint64 capture time in microseconds, uint16 width and height, uint8 codec,
// chunk index and count, reserved) and the next part of the frame. Holds one frame at most (capped at
// `maxFrameBytes`); never throws for bad input: a chunk that is too short or long, of unknown magic or
// codec, with a bad index, count or size, or out of order is dropped with the frame in progress, counted,
// and the next chunk 0 starts afresh.

export const HEADER_BYTES = 24;
export const MAX_CHUNK_BYTES = 65536;
export const MAX_CHUNKS = 255;
export const MAX_FRAME_BYTES = MAX_CHUNKS * (MAX_CHUNK_BYTES - HEADER_BYTES);
export const MAGIC = 0x36315a43; // 'CZ16' as a little-endian uint32
export const Codec = Object.freeze({ RAW: 0, RVL: 1 });

import { maxRvlBytes } from './rvl.js';

/** Buffer size for frames of width x height in either codec (as media's DepthReassembler.maxFrameBytes). */
export function maxFrameBytes(width, height) {
  const pixels = width * height;
  return Math.min(Math.max(2 * pixels, maxRvlBytes(pixels)), MAX_FRAME_BYTES);
}

export class DepthReassembler {
  /**
   * @param {number} limit largest encoded frame accepted
   * @param {(header: object, payload: Uint8Array) => void} onFrame payload valid only during the call
   */
  constructor(limit, onFrame) {
    this.limit = Math.max(1, Math.min(limit, MAX_FRAME_BYTES));
    this.onFrame = onFrame;
    this.frame = new Uint8Array(0);
    this.length = 0;
    this.inProgress = false;
    this.framesCompleted = 0;
    this.framesDropped = 0;
    this.chunksDropped = 0;
    this.lastDrop = null;
  }

  /** One data-channel message (ArrayBuffer). */
  accept(buffer) {
    const size = buffer.byteLength;
    if (size < HEADER_BYTES || size > MAX_CHUNK_BYTES) {
      return this.drop(size < HEADER_BYTES ? 'chunk shorter than its header' : 'chunk longer than 65536 bytes');
    }
    const v = new DataView(buffer);
    if (v.getUint32(0, true) !== MAGIC) return this.drop('unknown magic');
    const codec = v.getUint8(20);
    if (codec !== Codec.RAW && codec !== Codec.RVL) return this.drop(`unknown codec ${codec}`);
    const index = v.getUint8(21), count = v.getUint8(22);
    const width = v.getUint16(16, true), height = v.getUint16(18, true);
    if (count === 0 || index >= count || width === 0 || height === 0) return this.drop('bad chunk index, count or frame size');
    const counter = v.getUint32(4, true);
    const timeUs = Number(v.getBigUint64(8, true));
    const h = this.header;
    if (index === 0) {
      if (this.inProgress) this.dropFrame('a new frame began before the last one ended');
      this.inProgress = true;
      this.length = 0;
      this.expected = 0;
      this.header = { counter, timeUs, width, height, codec, count };
    } else if (!this.inProgress || index !== this.expected || count !== h.count || counter !== h.counter
        || timeUs !== h.timeUs || width !== h.width || height !== h.height || codec !== h.codec) {
      return this.drop(this.inProgress ? 'chunk out of order or of another frame' : "chunk without its frame's first chunk");
    }
    const payload = size - HEADER_BYTES;
    if (payload > this.limit - this.length) return this.drop(`frame larger than ${this.limit} bytes`);
    this.ensureCapacity(this.length + payload, count);
    this.frame.set(new Uint8Array(buffer, HEADER_BYTES, payload), this.length);
    this.length += payload;
    this.expected++;
    if (this.expected < this.header.count) return undefined;
    this.inProgress = false;
    const header = this.header;
    if (header.codec === Codec.RAW && this.length !== header.width * header.height * 2) {
      this.framesDropped++;
      this.lastDrop = `raw frame of ${this.length} bytes for ${header.width}x${header.height}`;
      return undefined;
    }
    this.framesCompleted++;
    this.onFrame(header, this.frame.subarray(0, this.length));
    return undefined;
  }

  ensureCapacity(needed, chunks) {
    if (needed <= this.frame.length) return;
    const wanted = Math.max(needed, Math.min(chunks * (MAX_CHUNK_BYTES - HEADER_BYTES), this.limit));
    const bigger = new Uint8Array(wanted);
    bigger.set(this.frame.subarray(0, this.length));
    this.frame = bigger;
  }

  drop(reason) {
    this.chunksDropped++;
    if (this.inProgress) this.dropFrame(reason);
    else this.lastDrop = reason;
  }

  dropFrame(reason) {
    this.inProgress = false;
    this.length = 0;
    this.framesDropped++;
    this.lastDrop = reason;
  }
}
