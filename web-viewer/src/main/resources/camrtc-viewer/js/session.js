// One WebRTC session with one sender (PROTOCOL.md 3.3-3.5): the sender offers one sendonly
// video m-line per stream, we answer recvonly, trickle our candidates (or not), and echo the
// sender's session_id in everything we send about this session.
import { Defaults } from './defaults.js';
import { isDepthStream } from './depth/tile.js';

export class WatchSession extends EventTarget {
  /**
   * @param {import('./signaling.js').SignalingChannel} signaling
   * @param {{sender_id: string, name: string, streams: Array}} sender
   */
  constructor(signaling, sender) {
    super();
    this.signaling = signaling;
    this.senderId = sender.sender_id;
    this.senderStreams = sender.streams || [];
    this.sessionId = undefined;
    this.pc = null;
    this.pendingCandidates = [];
    this.midToStream = new Map();
    this.closed = false;
    this.requestedAt = 0;
  }

  /** Creates a fresh peer connection and asks the sender for an offer. */
  start() {
    this.newPeer();
    this.requestedAt = performance.now();
    const request = { type: 'request_offer', sender_id: this.senderId };
    const streams = requestedStreams(this.senderStreams);
    if (streams) request.streams = streams;
    this.signaling.send(request);
    this.emit('state', { state: 'requested' });
  }

  newPeer() {
    this.closePeer();
    this.pc = new RTCPeerConnection({
      iceServers: this.signaling.iceServers,
      iceTransportPolicy: Defaults.iceTransportPolicy,
      bundlePolicy: 'max-bundle',
    });
    const pc = this.pc;
    this.sessionId = undefined;
    this.pendingCandidates = [];
    this.outgoingCandidates = [];
    this.answerSent = false;
    pc.ontrack = (e) => this.onTrack(e);
    pc.ondatachannel = (e) => this.onDataChannel(e.channel);
    pc.onicecandidate = (e) => {
      if (!Defaults.trickle || pc !== this.pc) return;
      const c = e.candidate;
      if (c && !c.candidate) return; // Chromium's empty end-of-generation candidate; null follows
      const message = {
        type: 'candidate',
        candidate: c && c.candidate ? { candidate: c.candidate, sdp_mid: c.sdpMid, sdp_mline_index: c.sdpMLineIndex } : null,
      };
      // Our candidates follow our answer, never precede it.
      if (this.answerSent) this.send(message); else this.outgoingCandidates.push(message);
    };
    pc.onconnectionstatechange = () => {
      if (pc !== this.pc) return;
      this.emit('state', { state: pc.connectionState });
    };
  }

  async handleOffer(message) {
    if (!this.pc || this.closed) return;
    if (this.sessionId !== undefined && message.session_id !== this.sessionId) {
      // An offer of a new session (it replaced ours, e.g. after a repeated request): new PC.
      this.newPeer();
    }
    const pc = this.pc;
    this.sessionId = message.session_id;
    this.midToStream = new Map();
    if (Array.isArray(message.streams)) {
      for (const s of message.streams) if (s && s.mid != null) this.midToStream.set(String(s.mid), s.name);
    }
    try {
      await pc.setRemoteDescription(message.offer);
      for (const t of pc.getTransceivers()) lowerLatency(t.receiver);
      const answer = await pc.createAnswer();
      await pc.setLocalDescription(answer);
      for (const c of this.pendingCandidates.splice(0)) await this.addCandidate(c);
      if (!Defaults.trickle) await gatheringComplete(pc);
      if (pc !== this.pc) return;
      this.send({ type: 'answer', answer: { type: pc.localDescription.type, sdp: pc.localDescription.sdp } });
      this.answerSent = true;
      for (const m of this.outgoingCandidates.splice(0)) this.send(m);
    } catch (e) {
      console.error(`camrtc: cannot answer the offer of ${this.senderId}`, e);
      this.emit('state', { state: 'failed', reason: `bad offer: ${e.message}` });
    }
  }

  async handleCandidate(message) {
    if (!this.pc || this.closed) return;
    if (message.session_id !== undefined && this.sessionId !== undefined && message.session_id !== this.sessionId) return;
    if (!this.pc.remoteDescription) {
      this.pendingCandidates.push(message.candidate);
      return;
    }
    await this.addCandidate(message.candidate);
  }

  async addCandidate(c) {
    try {
      if (c === null || c === undefined) {
        await this.pc.addIceCandidate();
      } else {
        await this.pc.addIceCandidate({ candidate: c.candidate, sdpMid: c.sdp_mid, sdpMLineIndex: c.sdp_mline_index });
      }
    } catch (e) {
      console.warn(`camrtc: ignoring a candidate from ${this.senderId}: ${e.message}`);
    }
  }

  handleHangup(message) {
    if (message.session_id !== undefined && this.sessionId !== undefined && message.session_id !== this.sessionId) return;
    this.closePeer();
    this.emit('state', { state: 'hungup', reason: message.reason });
  }

  onTrack(e) {
    const mid = e.transceiver && e.transceiver.mid != null ? String(e.transceiver.mid) : null;
    let stream = mid !== null ? this.midToStream.get(mid) : undefined;
    if (stream === undefined) {
      const index = this.pc.getTransceivers().indexOf(e.transceiver);
      stream = (this.senderStreams[index] && this.senderStreams[index].name) || `stream-${mid ?? index}`;
      if (mid !== null) this.midToStream.set(mid, stream); // an offer without `streams`: by m-line order
    }
    lowerLatency(e.receiver);
    const media = e.streams && e.streams[0] && e.streams[0].getVideoTracks().length === 1 ? e.streams[0] : new MediaStream([e.track]);
    this.emit('track', { stream, mid, track: e.track, media, receiver: e.receiver });
  }

  /** A data channel the sender opened: a depth stream we asked for (by label, PROTOCOL.md 8), else closed. */
  onDataChannel(channel) {
    const stream = this.senderStreams.find((s) => s.name === channel.label);
    if (!isDepthStream(stream)) {
      console.warn(`camrtc: closing data channel '${channel.label}' of ${this.senderId}: not an announced depth stream`);
      channel.close();
      return;
    }
    this.emit('datachannel', { stream: channel.label, channel, description: stream });
  }

  send(message) {
    if (this.sessionId !== undefined) message.session_id = this.sessionId;
    message.sender_id = this.senderId;
    this.signaling.send(message);
  }

  closePeer() {
    if (this.pc) {
      this.pc.ontrack = this.pc.onicecandidate = this.pc.onconnectionstatechange = this.pc.ondatachannel = null;
      this.pc.close();
      this.pc = null;
    }
  }

  /** Ends the session; `hangup` tells the sender (when it is still there). */
  close({ hangup = true } = {}) {
    if (this.closed) return;
    if (hangup && this.pc) this.send({ type: 'hangup' });
    this.closed = true;
    this.closePeer();
  }

  emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}

/**
 * The `streams` of our request_offer: absent (= all) when we show every announced stream, else the
 * video streams and the depth data-channel streams (a data channel of another kind is not asked for).
 */
export function requestedStreams(announced) {
  const wanted = announced.filter((s) => !s.transport || isDepthStream(s)).map((s) => s.name);
  return wanted.length === announced.length || wanted.length === 0 ? undefined : wanted;
}

/** Asks for the smallest jitter buffer / playout delay the browser offers. */
export function lowerLatency(receiver) {
  if (!receiver) return;
  try {
    if ('jitterBufferTarget' in receiver) receiver.jitterBufferTarget = Defaults.jitterBufferTargetMs;
    if ('playoutDelayHint' in receiver) receiver.playoutDelayHint = Defaults.jitterBufferTargetMs / 1000;
  } catch (e) {
    console.warn('camrtc: this browser refused the low-latency hint', e);
  }
}

function gatheringComplete(pc) {
  if (pc.iceGatheringState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      if (pc.iceGatheringState !== 'complete') return;
      pc.removeEventListener('icegatheringstatechange', done);
      resolve();
    };
    pc.addEventListener('icegatheringstatechange', done);
    setTimeout(resolve, 2000);
  });
}
