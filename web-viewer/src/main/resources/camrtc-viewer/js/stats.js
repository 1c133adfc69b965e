// Receiver statistics from RTCPeerConnection.getStats(), per stream (matched by mid).

export class StatsMeter {
  constructor() {
    this.previous = new Map(); // mid -> {bytes, at: performance.now() of the read}
  }

  /** @returns {Promise<{byMid: Map<string, object>, rttMs: number|null}>} */
  async read(pc) {
    const report = await pc.getStats();
    const readAt = performance.now();
    const byMid = new Map();
    let rttMs = null;
    let selectedPair = null;
    report.forEach((s) => {
      if (s.type === 'transport' && s.selectedCandidatePairId) selectedPair = s.selectedCandidatePairId;
    });
    report.forEach((s) => {
      if (s.type === 'candidate-pair') {
        const selected = selectedPair ? s.id === selectedPair : s.nominated && s.state === 'succeeded';
        if (selected && typeof s.currentRoundTripTime === 'number') rttMs = s.currentRoundTripTime * 1000;
      }
      if (s.type !== 'inbound-rtp' || s.kind !== 'video') return;
      const mid = s.mid != null ? String(s.mid) : s.trackIdentifier;
      // Timed by our own clock between two reads, not by the report's `timestamp` (whose meaning for
      // inbound-rtp has varied between browser versions); a new session's smaller counter gives no sample.
      const prev = this.previous.get(mid);
      let bitrate = null;
      if (prev && readAt > prev.at && s.bytesReceived >= prev.bytes) {
        bitrate = ((s.bytesReceived - prev.bytes) * 8) / ((readAt - prev.at) / 1000);
      }
      this.previous.set(mid, { bytes: s.bytesReceived, at: readAt });
      const codec = s.codecId && report.get(s.codecId) ? report.get(s.codecId).mimeType.replace(/^video\//, '') : null;
      const jitterBufferMs = s.jitterBufferEmittedCount
        ? (s.jitterBufferDelay / s.jitterBufferEmittedCount) * 1000 : null;
      byMid.set(mid, {
        width: s.frameWidth ?? null,
        height: s.frameHeight ?? null,
        fps: s.framesPerSecond ?? null,
        bitrate,
        codec,
        packetsLost: s.packetsLost ?? 0,
        framesDecoded: s.framesDecoded ?? 0,
        jitterBufferMs,
      });
    });
    return { byMid, rttMs };
  }
}

/** Human-readable rows for the overlay: [label, value, key]. */
export function statRows(stream, rttMs, latencyMs) {
  const rows = [];
  const dash = '–';
  rows.push(['Resolution', stream && stream.width ? `${stream.width}×${stream.height}` : dash, 'resolution']);
  rows.push(['Frame rate', stream && stream.fps != null ? `${Math.round(stream.fps)} fps` : dash, 'fps']);
  rows.push(['Bitrate', stream && stream.bitrate != null ? formatBitrate(stream.bitrate) : dash, 'bitrate']);
  rows.push(['Codec', (stream && stream.codec) || dash, 'codec']);
  rows.push(['Packets lost', stream ? String(stream.packetsLost) : dash, 'packets-lost']);
  rows.push(['RTT', rttMs != null ? `${rttMs.toFixed(1)} ms` : dash, 'rtt']);
  rows.push(['Jitter buffer', stream && stream.jitterBufferMs != null ? `${Math.round(stream.jitterBufferMs)} ms` : dash, 'jitter-buffer']);
  if (latencyMs != null) rows.push(['Latency', `${Math.round(latencyMs)} ms`, 'latency']);
  return rows;
}

function formatBitrate(bps) {
  if (bps >= 1e6) return `${(bps / 1e6).toFixed(2)} Mbit/s`;
  return `${Math.round(bps / 1e3)} kbit/s`;
}
