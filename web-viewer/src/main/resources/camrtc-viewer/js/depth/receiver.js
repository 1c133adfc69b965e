// The page side of one depth data channel (PROTOCOL.md 8): forwards each chunk to a decoding worker
// (worker.js) and delivers whole decoded frames. Bounded: while a whole frame still waits for the worker,
// new frames are skipped whole (from their first chunk), so a slow decoder means fewer frames, never a
// growing queue or latency; a byte cap (twice the largest frame) backs this up.
import { maxFrameBytes, HEADER_BYTES } from './reassembler.js';

export class DepthReceiver {
  /**
   * @param {{width?: number, height?: number}} stream the announcement (its size caps the frames)
   * @param {{near: number, far: number}} range colour range in depth units
   * @param {(frame: {header, depth: Uint16Array, rgba: Uint8ClampedArray, decodeMs: number}) => void} onFrame
   */
  constructor(stream, range, onFrame) {
    this.limit = maxFrameBytes(stream.width || 1280, stream.height || 720);
    this.onFrame = onFrame;
    this.inFlight = 0;
    this.waitingFrames = 0; // frames whose last chunk went to the worker, not yet decoded (or dropped)
    this.skipping = false;
    this.skippedFrames = 0;
    this.framesDropped = 0;
    this.chunksDropped = 0;
    this.bytesReceived = 0;
    this.lastError = null;
    this.worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
    this.worker.onmessage = (e) => this.fromWorker(e.data);
    this.worker.onerror = (e) => { this.lastError = e.message || 'the depth worker failed'; };
    this.worker.postMessage({ type: 'config', limit: this.limit, near: range.near, far: range.far });
    this.channel = null;
  }

  attach(channel) {
    this.detach();
    this.channel = channel;
    channel.binaryType = 'arraybuffer';
    channel.onmessage = (e) => this.chunk(e.data);
  }

  chunk(data) {
    if (!(data instanceof ArrayBuffer)) return; // a text message is not a chunk
    this.bytesReceived += data.byteLength;
    const header = data.byteLength >= HEADER_BYTES ? new Uint8Array(data, 21, 2) : null;
    if (header && header[0] === 0) {
      // newest frames first: a new frame is skipped whole while a complete one still waits for the worker
      this.skipping = this.waitingFrames > 0;
      if (this.skipping) this.skippedFrames++;
    }
    // a hard cap for chunks of a frame already begun: the worker then drops that frame as incomplete
    if (this.skipping || this.inFlight > 2 * this.limit) return;
    const last = header !== null && header[0] === header[1] - 1;
    if (last) this.waitingFrames++;
    this.inFlight += data.byteLength;
    this.worker.postMessage({ type: 'chunk', data, last }, [data]);
  }

  fromWorker(m) {
    if (m.type === 'ack') {
      this.inFlight -= m.bytes;
      if (m.last) this.waitingFrames--;
      this.framesDropped = m.framesDropped;
      this.chunksDropped = m.chunksDropped;
    } else if (m.type === 'error') {
      this.framesDropped = m.framesDropped;
      this.lastError = m.message;
    } else if (m.type === 'frame') {
      const { header, decodeMs } = m;
      const pixels = header.width * header.height;
      this.onFrame({ header, decodeMs, payloadBytes: m.payloadBytes,
        depth: new Uint16Array(m.depth, 0, pixels), rgba: new Uint8ClampedArray(m.rgba, 0, pixels * 4) });
    }
  }

  /** Gives a frame's buffers back to the worker once the page no longer needs them. */
  recycle(frame) {
    this.worker.postMessage({ type: 'recycle', depth: frame.depth.buffer, rgba: frame.rgba.buffer },
      [frame.depth.buffer, frame.rgba.buffer]);
  }

  setRange(range) {
    this.worker.postMessage({ type: 'colors', near: range.near, far: range.far });
  }

  detach() {
    if (this.channel) this.channel.onmessage = null;
    this.channel = null;
  }

  close() {
    this.detach();
    this.worker.terminate();
  }
}
