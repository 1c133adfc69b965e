// Glass-to-glass latency of one <video>: reads the frame stamp (PROTOCOL.md 7) of every
// presented frame and compares its capture time with the wall clock at presentation.
import { bandHeight, decodeFrameStamp } from './framestamp.js';
import { Defaults } from './defaults.js';

export class LatencyMeter {
  constructor() {
    this.canvas = document.createElement('canvas');
    this.context = this.canvas.getContext('2d', { willReadFrequently: true });
    this.reset();
  }

  reset() {
    this.samples = [];
    this.lastCounter = null;
    this.stamped = 0;
    this.lost = 0; // stamped frames never presented (lost, or dropped by the player)
    this.lastStampAt = 0;
  }

  /** Decodes the stamp of the frame `video` shows; `metadata` from requestVideoFrameCallback. */
  sample(video, metadata) {
    const width = video.videoWidth, height = video.videoHeight;
    if (!width || !height) return null;
    const band = bandHeight(height);
    if (this.canvas.width !== width || this.canvas.height !== band) {
      this.canvas.width = width;
      this.canvas.height = band;
    }
    this.context.drawImage(video, 0, 0, width, band, 0, 0, width, band);
    let pixels;
    try {
      pixels = this.context.getImageData(0, 0, width, band).data;
    } catch (e) {
      return null; // a cross-origin source cannot be read
    }
    const stamp = decodeFrameStamp(pixels, width, height);
    if (!stamp) return null;
    const shownAt = metadata && metadata.expectedDisplayTime
      ? performance.timeOrigin + metadata.expectedDisplayTime
      : Date.now();
    const latency = shownAt - stamp.ms;
    if (this.lastCounter !== null) {
      const gap = (stamp.counter - this.lastCounter + 0x1000000) % 0x1000000;
      if (gap > 1 && gap < 1000) this.lost += gap - 1;
    }
    this.lastCounter = stamp.counter;
    this.stamped++;
    this.lastStampAt = performance.now();
    this.samples.push(latency);
    if (this.samples.length > Defaults.latencyWindow) this.samples.shift();
    return { ...stamp, latency };
  }

  /** Median latency (ms) of the recent stamped frames, or null when frames carry no stamp. */
  get latencyMs() {
    if (this.samples.length === 0 || performance.now() - this.lastStampAt > 2000) return null;
    const sorted = [...this.samples].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
  }
}
