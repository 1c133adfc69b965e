// The Depth view: one tile showing a lossless 16UC1 depth stream (PROTOCOL.md 8) colorized in the page,
// with the colour range (near / far, metres) adjustable, the distance under the cursor in metres, and
// its own stats (depth fps, latency from the chunk header's capture time, decode time, bitrate).
import { DepthReceiver } from './receiver.js';
import { unitRange } from './colormap.js';
import { Defaults } from '../defaults.js';

/** True for a stream this view shows: `transport: datachannel`, `encoding: 16UC1`. */
export function isDepthStream(s) {
  return !!s && s.transport === 'datachannel' && s.encoding === '16UC1';
}

export class DepthTile {
  /** @param {{name: string, width?: number, height?: number, depth_units?: number}} stream the announcement */
  constructor(stream) {
    this.stream = stream.name;
    this.description = stream;
    this.depthUnits = stream.depth_units > 0 ? stream.depth_units : 0.001;
    this.isDepth = true;
    this.element = document.createElement('figure');
    this.element.className = 'tile depth-tile';
    this.element.dataset.stream = stream.name;
    this.canvas = document.createElement('canvas');
    this.canvas.width = stream.width || 640;
    this.canvas.height = stream.height || 480;
    this.context = this.canvas.getContext('2d');
    this.label = document.createElement('span');
    this.label.className = 'tile-label';
    this.label.textContent = 'Depth';
    this.readout = document.createElement('span');
    this.readout.className = 'depth-readout';
    this.readout.hidden = true;
    this.overlay = document.createElement('dl');
    this.overlay.className = 'stats';
    this.rangeBar = this.makeRangeBar();
    this.element.append(this.canvas, this.label, this.readout, this.rangeBar, this.overlay);
    this.canvas.addEventListener('pointermove', (e) => this.pointAt(e.clientX, e.clientY));
    this.canvas.addEventListener('pointerleave', () => { this.cursor = null; this.readout.hidden = true; });
    this.receiver = null;
    this.frame = null;
    this.cursor = null;
    this.onFrame = null;
    this.framesShown = 0;
    this.lastFrameAt = 0;
    this.longestGapMs = 0;
    this.latencies = [];
    this.decodeMs = [];
    this.shownTimes = [];
    this.lastBytes = null;
  }

  makeRangeBar() {
    const bar = document.createElement('div');
    bar.className = 'depth-range';
    const input = (key, value, title) => {
      const label = document.createElement('label');
      label.textContent = `${title} `;
      const field = document.createElement('input');
      Object.assign(field, { type: 'number', min: '0', step: '0.1', value: String(value) });
      field.dataset.range = key;
      field.addEventListener('change', () => this.rangeChanged());
      label.append(field, ' m');
      return label;
    };
    bar.append(input('near', Defaults.depthNearMetres, 'Near'), input('far', Defaults.depthFarMetres, 'Far'));
    return bar;
  }

  /** The colour range in depth units, from the near / far fields. */
  range() {
    const near = Number(this.rangeBar.querySelector('[data-range=near]').value);
    const far = Number(this.rangeBar.querySelector('[data-range=far]').value);
    return unitRange(Number.isFinite(near) ? near : 0, Number.isFinite(far) ? far : 0, this.depthUnits);
  }

  rangeChanged() {
    if (this.receiver) this.receiver.setRange(this.range());
  }

  /** Shows the depth arriving on this data channel (the label is the stream name). */
  attachChannel(channel) {
    if (!this.receiver) this.receiver = new DepthReceiver(this.description, this.range(), (f) => this.show(f));
    this.receiver.attach(channel);
    this.element.dataset.source = 'webrtc';
  }

  show(frame) {
    const { width, height } = frame.header;
    if (this.canvas.width !== width || this.canvas.height !== height) {
      this.canvas.width = width;
      this.canvas.height = height;
    }
    this.context.putImageData(new ImageData(frame.rgba, width, height), 0, 0);
    if (this.frame) this.receiver.recycle(this.frame);
    this.frame = frame;
    const now = performance.now();
    if (this.lastFrameAt) this.longestGapMs = Math.max(this.longestGapMs, now - this.lastFrameAt);
    this.lastFrameAt = now;
    this.framesShown++;
    this.shownTimes.push(now);
    while (this.shownTimes.length && now - this.shownTimes[0] > 1000) this.shownTimes.shift();
    push(this.latencies, Date.now() - frame.header.timeUs / 1000);
    push(this.decodeMs, frame.decodeMs);
    if (this.cursor) this.updateReadout();
    if (this.onFrame) this.onFrame(this);
  }

  /** The image pixel under a point of the page (the canvas keeps its aspect ratio: object-fit contain). */
  pixelAt(clientX, clientY) {
    const r = this.canvas.getBoundingClientRect();
    const scale = Math.min(r.width / this.canvas.width, r.height / this.canvas.height);
    const left = r.left + (r.width - this.canvas.width * scale) / 2;
    const top = r.top + (r.height - this.canvas.height * scale) / 2;
    const x = Math.floor((clientX - left) / scale), y = Math.floor((clientY - top) / scale);
    return x >= 0 && y >= 0 && x < this.canvas.width && y < this.canvas.height ? { x, y } : null;
  }

  pointAt(clientX, clientY) {
    this.cursor = this.pixelAt(clientX, clientY);
    this.updateReadout();
  }

  updateReadout() {
    const f = this.frame, c = this.cursor;
    if (!c || !f || c.x >= f.header.width || c.y >= f.header.height) {
      this.readout.hidden = true;
      return;
    }
    const raw = f.depth[c.y * f.header.width + c.x];
    Object.assign(this.readout.dataset, { x: c.x, y: c.y, raw, counter: f.header.counter });
    this.readout.textContent = raw === 0 ? `${c.x}, ${c.y}: no depth` : `${c.x}, ${c.y}: ${formatMetres(raw * this.depthUnits)}`;
    this.readout.hidden = false;
  }

  setVisible(shown) {
    this.element.classList.toggle('shown', shown);
  }

  /** No MJPEG carries lossless depth. */
  showMjpeg() {
    this.clear();
    this.element.dataset.source = 'mjpeg';
  }

  renderStats(_, rttMs) {
    const dash = '–';
    const r = this.receiver;
    const f = this.frame;
    const live = f && performance.now() - this.lastFrameAt < 2000;
    let bitrate = null;
    const now = performance.now();
    if (r && this.lastBytes) bitrate = ((r.bytesReceived - this.lastBytes.bytes) * 8) / ((now - this.lastBytes.at) / 1000);
    if (r) this.lastBytes = { bytes: r.bytesReceived, at: now };
    const rows = [
      ['Resolution', f ? `${f.header.width}×${f.header.height}` : dash, 'resolution'],
      ['Frame rate', live ? `${this.shownTimes.length} fps` : dash, 'fps'],
      ['Bitrate', bitrate != null ? formatBitrate(bitrate) : dash, 'bitrate'],
      ['Codec', f ? `${f.header.codec === 1 ? 'RVL' : 'raw'} (lossless)` : dash, 'codec'],
      ['Decode', live ? `${median(this.decodeMs).toFixed(1)} ms` : dash, 'decode'],
      ['RTT', rttMs != null ? `${rttMs.toFixed(1)} ms` : dash, 'rtt'],
      ['Frames dropped', r ? String(r.framesDropped + r.skippedFrames) : dash, 'frames-dropped'],
    ];
    if (live) rows.push(['Latency', `${Math.round(median(this.latencies))} ms`, 'latency']);
    this.overlay.replaceChildren(...rows.map(([label, value, key]) => statRow(label, value, key)));
  }

  clear() {
    if (this.receiver) this.receiver.close();
    this.receiver = null;
    this.frame = null;
    this.readout.hidden = true;
    this.overlay.replaceChildren();
    this.context.clearRect(0, 0, this.canvas.width, this.canvas.height);
    this.latencies = [];
    this.decodeMs = [];
    this.shownTimes = [];
    this.lastBytes = null;
    delete this.element.dataset.source;
  }
}

export function formatMetres(m) {
  return `${m.toFixed(3)} m`;
}

export function formatBitrate(bps) {
  if (bps >= 1e6) return `${(bps / 1e6).toFixed(2)} Mbit/s`;
  return `${Math.round(bps / 1e3)} kbit/s`;
}

function push(list, value) {
  list.push(value);
  if (list.length > Defaults.latencyWindow) list.shift();
}

function median(list) {
  if (!list.length) return NaN;
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function statRow(label, value, key) {
  const wrap = document.createElement('div');
  wrap.dataset.stat = key;
  const dt = document.createElement('dt');
  dt.textContent = label;
  const dd = document.createElement('dd');
  dd.textContent = value;
  wrap.append(dt, dd);
  return wrap;
}
