// The depth decoding worker (a module Worker, one per depth stream): reassembles the chunks the page
// forwards, decodes raw or RVL, colorizes, and hands back the 16-bit depth and the RGBA image (transferred,
// then returned by the page for reuse: a few buffers per stream, whatever the frame rate).
//
// page -> worker: {type:'config', limit, near, far} | {type:'chunk', data} | {type:'colors', near, far}
//                 | {type:'recycle', depth, rgba}
// worker -> page: {type:'ack', bytes} per chunk | {type:'frame', header, depth, rgba, decodeMs}
//                 | {type:'error', message, framesDropped, chunksDropped}
import { DepthReassembler, Codec, MAX_FRAME_BYTES } from './reassembler.js';
import { decodeRaw, decodeRvl } from './rvl.js';
import { colorTable } from './colormap.js';

let reassembler = new DepthReassembler(MAX_FRAME_BYTES, onFrame);
let colors = colorTable(300, 4000);
const spare = []; // returned {depth, rgba} buffers of the current size (at most 3 kept)
let decodeErrors = 0;

self.onmessage = (e) => {
  const m = e.data;
  if (m.type === 'chunk') {
    reassembler.accept(m.data);
    self.postMessage({ type: 'ack', bytes: m.data.byteLength, last: m.last === true, framesDropped: reassembler.framesDropped + decodeErrors,
      chunksDropped: reassembler.chunksDropped });
  } else if (m.type === 'config') {
    reassembler = new DepthReassembler(m.limit, onFrame);
    colors = colorTable(m.near, m.far);
  } else if (m.type === 'colors') {
    colors = colorTable(m.near, m.far);
  } else if (m.type === 'recycle' && spare.length < 3) {
    spare.push({ depth: m.depth, rgba: m.rgba });
  }
};

function onFrame(header, payload) {
  const started = performance.now();
  const pixels = header.width * header.height;
  let buffers = spare.pop();
  while (buffers && buffers.depth.byteLength !== pixels * 2) buffers = spare.pop();
  if (!buffers) buffers = { depth: new ArrayBuffer(pixels * 2), rgba: new ArrayBuffer(pixels * 4) };
  const depth = new Uint16Array(buffers.depth);
  try {
    if (header.codec === Codec.RVL) decodeRvl(payload, depth, pixels);
    else decodeRaw(payload, depth, pixels);
  } catch (e) {
    decodeErrors++;
    spare.push(buffers);
    self.postMessage({ type: 'error', message: `frame ${header.counter}: ${e.message}`, framesDropped: reassembler.framesDropped + decodeErrors });
    return;
  }
  const rgba = new Uint32Array(buffers.rgba);
  for (let i = 0; i < pixels; i++) rgba[i] = colors[depth[i]];
  const decodeMs = performance.now() - started;
  self.postMessage({ type: 'frame', header, depth: buffers.depth, rgba: buffers.rgba, decodeMs, payloadBytes: payload.length },
    [buffers.depth, buffers.rgba]);
}
