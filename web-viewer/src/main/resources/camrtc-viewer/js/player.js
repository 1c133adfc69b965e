// The stage: one tile per stream (a <video> for WebRTC, an <img> for MJPEG), shown one at a
// time (RGB / IR toggle) or side by side, with a stats overlay, snapshot and fullscreen.
import { watchFrames } from './frames.js';
import { LatencyMeter } from './latency.js';
import { statRows } from './stats.js';
import { streamLabel } from './directory.js';
import { DepthTile, isDepthStream } from './depth/tile.js';

export class Tile {
  constructor(stream) {
    this.stream = stream;
    this.element = document.createElement('figure');
    this.element.className = 'tile';
    this.element.dataset.stream = stream;
    this.video = document.createElement('video');
    this.video.muted = true;
    this.video.autoplay = true;
    this.video.playsInline = true;
    this.video.setAttribute('playsinline', '');
    this.img = document.createElement('img');
    this.img.className = 'mjpeg';
    this.img.alt = `${streamLabel(stream)} (MJPEG)`;
    this.img.hidden = true;
    this.label = document.createElement('span');
    this.label.className = 'tile-label';
    this.label.textContent = streamLabel(stream);
    this.overlay = document.createElement('dl');
    this.overlay.className = 'stats';
    this.element.append(this.video, this.img, this.label, this.overlay);
    this.latency = new LatencyMeter();
    this.framesShown = 0;
    this.lastFrameAt = 0;
    /** Longest time between two presented frames (a freeze), since the tests or the console reset it. */
    this.longestGapMs = 0;
    this.onFrame = null;
    this.stopFrames = null;
  }

  /** Plays a WebRTC track. */
  attach(media) {
    this.img.hidden = true;
    this.img.removeAttribute('src');
    this.video.hidden = false;
    if (this.video.srcObject !== media) this.video.srcObject = media;
    this.video.play().catch(() => { /* autoplay of a muted video is allowed; retried on the next track */ });
    if (!this.stopFrames) {
      this.stopFrames = watchFrames(this.video, (metadata) => {
        const now = performance.now();
        if (this.lastFrameAt) this.longestGapMs = Math.max(this.longestGapMs, now - this.lastFrameAt);
        this.framesShown++;
        this.lastFrameAt = now;
        this.latency.sample(this.video, metadata);
        if (this.onFrame) this.onFrame(this);
      });
    }
    this.element.dataset.source = 'webrtc';
  }

  /** Shows the sender's MJPEG stream instead (fetched only while the tile is visible). */
  showMjpeg(url) {
    this.detachVideo();
    this.video.hidden = true;
    this.img.hidden = false;
    this.mjpegUrl = url;
    this.element.dataset.source = 'mjpeg';
    this.setVisible(this.element.classList.contains('shown'));
  }

  setVisible(shown) {
    this.element.classList.toggle('shown', shown);
    if (this.element.dataset.source !== 'mjpeg') return;
    if (shown && this.img.getAttribute('src') !== this.mjpegUrl) this.img.src = this.mjpegUrl;
    if (!shown) this.img.removeAttribute('src'); // a hidden MJPEG stream would cost bandwidth for nothing
  }

  detachVideo() {
    if (this.stopFrames) this.stopFrames();
    this.stopFrames = null;
    this.video.srcObject = null;
    this.latency.reset();
  }

  clear() {
    this.detachVideo();
    this.img.hidden = true;
    this.img.removeAttribute('src');
    this.mjpegUrl = null;
    this.overlay.replaceChildren();
    delete this.element.dataset.source;
    delete this.element.dataset.framesDecoded;
  }

  renderStats(streamStats, rttMs) {
    if (this.element.dataset.source !== 'webrtc') {
      this.overlay.replaceChildren(row('Source', 'MJPEG fallback', 'source'));
      return;
    }
    const rows = statRows(streamStats, rttMs, this.latency.latencyMs);
    if (this.latency.stamped > 0) rows.push(['Frames not shown', String(this.latency.lost), 'frames-not-shown']);
    this.overlay.replaceChildren(...rows.map(([label, value, key]) => row(label, value, key)));
    if (streamStats) this.element.dataset.framesDecoded = String(streamStats.framesDecoded);
  }
}

function row(label, value, key) {
  const wrap = document.createElement('div');
  wrap.dataset.stat = key;
  const dt = document.createElement('dt');
  dt.textContent = label;
  const dd = document.createElement('dd');
  dd.textContent = value;
  wrap.append(dt, dd);
  return wrap;
}

export class Stage {
  constructor(element) {
    this.element = element;
    this.tiles = new Map();
    this.selected = null;
    this.split = false;
  }

  /**
   * Makes one tile per stream name, keeping existing ones; a name whose announcement (in `descriptions`)
   * is a depth data-channel stream gets a Depth view.
   */
  setStreams(names, descriptions = []) {
    for (const [name, tile] of this.tiles) {
      if (!names.includes(name)) {
        tile.clear();
        tile.element.remove();
        this.tiles.delete(name);
      }
    }
    for (const name of names) {
      if (!this.tiles.has(name)) {
        const description = descriptions.find((d) => d && d.name === name);
        const tile = isDepthStream(description) ? new DepthTile(description) : new Tile(name);
        this.tiles.set(name, tile);
        this.element.append(tile.element);
      }
    }
    if (!this.selected || !this.tiles.has(this.selected)) this.selected = names[0] || null;
    this.layout();
  }

  tile(name) {
    return this.tiles.get(name) || null;
  }

  select(name) {
    if (!this.tiles.has(name)) return;
    this.selected = name;
    this.split = false;
    this.layout();
  }

  setSplit(on) {
    this.split = on;
    this.layout();
  }

  layout() {
    this.element.classList.toggle('split', this.split);
    for (const [name, tile] of this.tiles) tile.setVisible(this.split || name === this.selected);
  }

  clear() {
    for (const tile of this.tiles.values()) tile.clear();
  }

  /** PNG of the selected tile's current frame, as a Blob (null when nothing is shown). */
  async snapshot() {
    const tile = this.tile(this.selected);
    if (!tile) return null;
    if (tile.isDepth) return tile.frame ? new Promise((resolve) => tile.canvas.toBlob(resolve, 'image/png')) : null;
    const source = tile.element.dataset.source === 'mjpeg' ? tile.img : tile.video;
    const width = source.videoWidth || source.naturalWidth, height = source.videoHeight || source.naturalHeight;
    if (!width || !height) return null;
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    canvas.getContext('2d').drawImage(source, 0, 0, width, height);
    return new Promise((resolve, reject) => {
      try {
        canvas.toBlob(resolve, 'image/png');
      } catch (e) {
        reject(e); // an MJPEG image from another origin cannot be read back
      }
    });
  }

  toggleFullscreen() {
    if (document.fullscreenElement) return document.exitFullscreen();
    if (this.element.requestFullscreen) return this.element.requestFullscreen();
    const tile = this.tile(this.selected);
    if (tile && tile.video && tile.video.webkitEnterFullscreen) tile.video.webkitEnterFullscreen(); // iOS Safari
    return undefined;
  }
}
