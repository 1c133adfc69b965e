// Watching one sender, chosen by name: WebRTC first, MJPEG when WebRTC cannot connect,
// a clear message while the sender is offline and an automatic resume when it returns.
import { Defaults } from './defaults.js';
import { WatchSession } from './session.js';
import { StatsMeter } from './stats.js';
import { mjpegHost, mjpegStreamUrl } from './mjpeg.js';
import { isDepthStream } from './depth/tile.js';

export class Watcher extends EventTarget {
  constructor({ signaling, directory, stage, controls, token }) {
    super();
    Object.assign(this, { signaling, directory, stage, controls, token });
    this.name = null;
    this.sender = null;
    this.session = null;
    this.state = 'idle';
    this.stats = new StatsMeter();
    this.timers = {};
    signaling.on('offer', (m) => this.forSession(m, (s) => s.handleOffer(m)));
    signaling.on('candidate', (m) => this.forSession(m, (s) => s.handleCandidate(m)));
    signaling.on('hangup', (m) => this.forSession(m, (s) => s.handleHangup(m)));
    signaling.on('error', (m) => {
      if (this.sender && m.ref === 'request_offer' && m.code === 'unknown_sender') this.senderGone();
    });
    directory.addEventListener('change', (e) => this.directoryChanged(e.detail));
    signaling.addEventListener('state', (e) => {
      // Registered again after a drop: a request that was in flight may be lost; a playing
      // session keeps playing (the stall check in tick() renews it if the sender dropped it).
      if (e.detail.state === 'open' && this.name) this.reopened = true;
    });
    setInterval(() => this.tick(), Defaults.statsIntervalMs);
  }

  forSession(message, fn) {
    if (this.session && message.sender_id === this.session.senderId) fn(this.session);
  }

  /** Starts watching the sender called `name`; `clickedAt` (performance.now()) times the first frame. */
  open(name, clickedAt = performance.now()) {
    this.close();
    this.name = name;
    this.clickedAt = clickedAt;
    this.firstFrameMs = null;
    delete this.stage.element.dataset.firstFrameMs;
    this.emit('open', { name });
    this.tryStart();
  }

  close() {
    this.endSession(true);
    this.stage.clear();
    this.controls.clear();
    this.name = null;
    this.sender = null;
    this.setState('idle', '');
  }

  tryStart() {
    const sender = this.directory.byName(this.name);
    if (!sender || sender.stale || !this.signaling.connected) {
      this.sender = null;
      this.controls.clear('Controls appear when the camera is online.');
      const message = this.signaling.connected
        ? `${this.name} is offline. Waiting for it to come back…`
        : 'Connecting to the signaling server…';
      this.setState('offline', message);
      return;
    }
    this.sender = sender;
    this.stage.setStreams(streamNames(sender), sender.streams);
    this.controls.load(sender.sender_id);
    if (sender.streams.length === 0 && sender.mjpeg_url) return this.fallback(`${sender.name} has no WebRTC path`);
    if (sender.streams.length === 0) return this.setState('connecting', `${sender.name} has not announced any stream yet…`);
    this.startWebRtc();
  }

  startWebRtc() {
    this.endSession(false);
    const session = new WatchSession(this.signaling, this.sender);
    this.session = session;
    session.addEventListener('track', (e) => {
      const { stream, media } = e.detail;
      if (!this.stage.tile(stream)) this.stage.setStreams([...this.stage.tiles.keys(), stream]);
      const tile = this.stage.tile(stream);
      tile.onFrame = () => this.frameShown(tile);
      tile.attach(media);
    });
    session.addEventListener('datachannel', (e) => {
      const { stream, channel, description } = e.detail;
      if (!this.stage.tile(stream)) this.stage.setStreams([...this.stage.tiles.keys(), stream], [description]);
      const tile = this.stage.tile(stream);
      if (!tile.isDepth) return;
      tile.onFrame = () => this.frameShown(tile);
      tile.attachChannel(channel);
    });
    session.addEventListener('state', (e) => this.sessionState(session, e.detail));
    this.setState('connecting', `Connecting to ${this.sender.name}…`);
    session.start();
    clearTimeout(this.timers.fallback);
    this.timers.fallback = setTimeout(() => {
      if (this.session === session && this.state !== 'playing') {
        this.fallback(`WebRTC did not connect within ${(Defaults.fallbackMs / 1000).toFixed(0)} s`);
      }
    }, Defaults.fallbackMs);
  }

  sessionState(session, { state, reason }) {
    if (session !== this.session) return;
    if (state === 'failed' && this.state === 'playing' && this.sender && !this.detached) {
      // It worked before (e.g. the sender dropped our session): ask for a new one.
      this.setState('connecting', 'The connection was lost — reconnecting…');
      this.startWebRtc();
    } else if (state === 'failed') {
      this.fallback(reason ? `WebRTC failed (${reason})` : 'The WebRTC connection failed');
    } else if (state === 'disconnected' && this.state === 'playing') {
      this.notice('The connection is interrupted — waiting for it to recover…');
    } else if (state === 'connected' && this.state === 'playing') {
      this.notice('');
    } else if (state === 'hungup' && reason === 'busy') {
      // The sender holds as many WebRTC sessions as it allows: MJPEG meanwhile, no hot re-request loop.
      this.fallback(`${this.sender.name} is busy (all its WebRTC sessions are taken)`, Defaults.busyRetryMs);
    } else if (state === 'hungup') {
      this.setState('connecting', `${this.sender.name} ended the session — reconnecting…`);
      clearTimeout(this.timers.retry);
      this.timers.retry = setTimeout(() => this.name && this.tryStart(), 1000);
    }
  }

  frameShown(tile) {
    this.lastFrameAt = performance.now();
    if (this.state === 'playing') return;
    clearTimeout(this.timers.fallback);
    if (this.firstFrameMs === null) {
      this.firstFrameMs = Math.round(performance.now() - this.clickedAt);
      this.stage.element.dataset.firstFrameMs = String(this.firstFrameMs);
      console.info(`camrtc: first frame of ${this.name}/${tile.stream} after ${this.firstFrameMs} ms`);
    }
    this.setState('playing', '');
  }

  /** Shows the sender's MJPEG streams, or explains why there is nothing to show. */
  fallback(reason, retryMs = 3000) {
    this.endSession(true);
    clearTimeout(this.timers.fallback);
    const sender = this.sender;
    if (!sender) return;
    if (!sender.mjpeg_url) {
      this.setState('error', `${reason}, and ${sender.name} has no MJPEG URL. Retrying…`);
      clearTimeout(this.timers.retry);
      this.timers.retry = setTimeout(() => this.name && this.tryStart(), retryMs);
      return;
    }
    for (const [name, tile] of this.stage.tiles) tile.showMjpeg(mjpegStreamUrl(sender.mjpeg_url, name, this.token));
    this.setState('mjpeg', `${reason} — showing the MJPEG stream from ${mjpegHost(sender.mjpeg_url)} instead (higher latency).`);
  }

  retryWebRtc() {
    if (!this.name) return;
    this.stage.clear();
    this.clickedAt = performance.now();
    this.tryStart();
  }

  senderGone() {
    this.detached = false;
    this.endSession(false);
    this.stage.clear();
    this.sender = null;
    this.tryStart();
  }

  directoryChanged({ kind, sender, reason }) {
    if (!this.name || !sender) return;
    if (kind === 'remove') {
      if (!this.sender || sender.sender_id !== this.sender.sender_id) return;
      if (reason === 'stale' && this.state === 'playing') {
        // The signaling server forgot it (e.g. restarted) but our media path is peer to peer:
        // keep playing, and adopt the sender when it registers again under its name.
        this.detached = true;
        const again = this.directory.byName(this.name);
        if (again && !again.stale) this.adopt(again);
        return;
      }
      this.senderGone();
      return;
    }
    if (kind !== 'upsert' || sender.name !== this.name) return;
    if (!this.sender) {
      this.clickedAt = performance.now();
      this.tryStart();
      return;
    }
    if ((this.detached || this.sender.stale) && this.session && this.state === 'playing') {
      this.adopt(sender);
      return;
    }
    if (sender.sender_id !== this.sender.sender_id) return;
    const gainedStreams = this.sender.streams.length === 0 && sender.streams.length > 0;
    this.sender = sender; // a new description (streams, mjpeg_url) of the same sender
    const reopened = this.reopened;
    this.reopened = false;
    if (this.state === 'playing') return;
    // Start when the streams we waited for arrive, or renew a request lost in a signaling drop.
    if (gainedStreams || (reopened && this.state !== 'mjpeg') || (!this.session && this.state === 'connecting')) {
      this.tryStart();
    }
  }

  /** The sender we play registered again (new id): keep the media, address it by its new id. */
  adopt(sender) {
    console.info(`camrtc: ${sender.name} is back as ${sender.sender_id}; the video kept playing`);
    this.detached = false;
    this.sender = sender;
    this.session.senderId = sender.sender_id;
    this.controls.load(sender.sender_id);
  }

  /** Once a second: stats overlay, and a new offer when frames stopped while connected. */
  async tick() {
    const session = this.session;
    if (this.state === 'playing' && session && this.signaling.connected
        && performance.now() - this.lastFrameAt > Defaults.stallMs) {
      const current = this.directory.byName(this.name);
      if (!current || this.detached) {
        this.detached = false;
        this.senderGone();
        return;
      }
      if (!current.stale) {
        console.info(`camrtc: no frame from ${this.name} for ${Defaults.stallMs} ms, asking for a new offer`);
        this.sender = current;
        this.startWebRtc();
        return;
      }
    }
    if (this.state === 'mjpeg') {
      for (const tile of this.stage.tiles.values()) tile.renderStats(null, null);
      return;
    }
    if (!session || !session.pc) return;
    try {
      const { byMid, rttMs } = await this.stats.read(session.pc);
      const trackOfMid = new Map(session.pc.getTransceivers()
        .map((t) => [String(t.mid), t.receiver.track && t.receiver.track.id]));
      for (const [mid, stream] of session.midToStream) {
        const tile = this.stage.tile(stream);
        // Stats carry `mid` in Chromium; browsers without it are matched by track id.
        if (tile) tile.renderStats(byMid.get(mid) || byMid.get(trackOfMid.get(mid)) || null, rttMs);
      }
      for (const tile of this.stage.tiles.values()) if (tile.isDepth) tile.renderStats(null, rttMs);
    } catch (e) {
      // the peer connection closed while reading
    }
  }

  endSession(hangup) {
    clearTimeout(this.timers.fallback);
    clearTimeout(this.timers.retry);
    if (this.session) this.session.close({ hangup: hangup && this.signaling.connected });
    this.session = null;
  }

  setState(state, message) {
    this.state = state;
    this.stage.element.closest('.player').dataset.state = state;
    this.notice(message);
    this.emit('state', { state, message });
  }

  notice(message) {
    this.emit('notice', { message });
  }

  emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}

function streamNames(sender) {
  // video tracks and depth data channels; a data channel of another kind is not shown (nor requested)
  const names = sender.streams.filter((s) => !s.transport || isDepthStream(s)).map((s) => s.name);
  return names.length ? names : ['color'];
}
