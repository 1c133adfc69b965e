// The receiver's signaling connection (PROTOCOL.md): one WebSocket to /ws/receiver,
// JSON text frames, reconnect with exponential backoff when it drops.
import { Defaults } from './defaults.js';

export class SignalingChannel extends EventTarget {
  /** @param {string} url  ws(s)://host/ws/receiver[?token=...] */
  constructor(url) {
    super();
    this.url = url;
    this.socket = null;
    this.receiverId = null;
    this.iceServers = [];
    this.attempt = 0;
    this.retryTimer = null;
    this.closed = false;
    this.handlers = new Map();
  }

  /** Registers `fn(message)` for messages of `type`. */
  on(type, fn) {
    if (!this.handlers.has(type)) this.handlers.set(type, []);
    this.handlers.get(type).push(fn);
    return this;
  }

  get connected() {
    return this.socket !== null && this.socket.readyState === WebSocket.OPEN && this.receiverId !== null;
  }

  connect() {
    this.closed = false;
    clearTimeout(this.retryTimer);
    const socket = new WebSocket(this.url);
    this.socket = socket;
    let opened = false;
    socket.onopen = () => { opened = true; };
    this.setState('connecting');
    socket.onmessage = (event) => {
      if (typeof event.data !== 'string') return;
      let message;
      try {
        message = JSON.parse(event.data);
      } catch (e) {
        console.warn('camrtc: ignoring a signaling frame that is not JSON', e);
        return;
      }
      if (message === null || typeof message !== 'object' || typeof message.type !== 'string') return;
      this.dispatch(message);
    };
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.receiverId = null;
      if (this.closed) {
        this.setState('closed');
        return;
      }
      const delay = this.nextDelay();
      console.info(`camrtc: signaling closed (code ${event.code}), reconnecting in ${delay} ms`);
      this.setState('reconnecting', { delay, code: event.code, opened });
      this.retryTimer = setTimeout(() => this.connect(), delay);
    };
  }

  dispatch(message) {
    if (message.type === 'registered') {
      this.receiverId = message.receiver_id;
      this.iceServers = Array.isArray(message.ice_servers) ? message.ice_servers : [];
      // What our token allows (an extra field of `registered`); a server without it allows everything.
      this.permissions = Array.isArray(message.permissions) ? message.permissions : null;
      this.attempt = 0;
      this.setState('open', { receiverId: this.receiverId });
    }
    for (const fn of this.handlers.get(message.type) || []) {
      try {
        fn(message);
      } catch (e) {
        console.error(`camrtc: handler for ${message.type} failed`, e);
      }
    }
  }

  /** Sends one message; returns false when the socket is not open (the message is dropped). */
  send(message) {
    if (!this.socket || this.socket.readyState !== WebSocket.OPEN) return false;
    this.socket.send(JSON.stringify(message));
    return true;
  }

  /** Drops the current socket as a network failure would (the channel reconnects). */
  drop() {
    if (this.socket) this.socket.close(4000, 'dropped by viewer');
  }

  close() {
    this.closed = true;
    clearTimeout(this.retryTimer);
    if (this.socket) this.socket.close(1000);
  }

  nextDelay() {
    const base = Math.min(Defaults.reconnectMaxMs, Defaults.reconnectFirstMs * 2 ** this.attempt);
    this.attempt++;
    return Math.round(base * (0.8 + Math.random() * 0.4));
  }

  setState(state, detail = {}) {
    this.state = state;
    this.dispatchEvent(new CustomEvent('state', { detail: { state, ...detail } }));
  }
}

/**
 * Why a WebSocket upgrade was refused, which browsers do not tell: asks `/api/senders` (guarded by the
 * same token, PROTOCOL.md 1). Resolves 'denied' for 401, else 'unreachable'.
 */
export async function probeAccess(location) {
  const url = new URL('/api/senders', location.href);
  const token = new URLSearchParams(location.search).get('token');
  if (token) url.searchParams.set('token', token);
  try {
    const response = await fetch(url, { cache: 'no-store' });
    return response.status === 401 ? 'denied' : 'unreachable';
  } catch (e) {
    return 'unreachable';
  }
}

/** The receiver endpoint of the server that served this page, with the page's `?token=`. */
export function receiverUrl(location) {
  const url = new URL('/ws/receiver', location.href);
  url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const token = new URLSearchParams(location.search).get('token');
  if (token) url.searchParams.set('token', token);
  return url.toString();
}
