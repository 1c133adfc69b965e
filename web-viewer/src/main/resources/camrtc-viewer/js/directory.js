// The live sender directory (PROTOCOL.md 3.2): `sender` = insert-or-update, `sender_left` = remove.
import { Defaults } from './defaults.js';

export class SenderDirectory extends EventTarget {
  constructor() {
    super();
    /** sender_id -> {sender_id, name, streams, mjpeg_url, stale} */
    this.senders = new Map();
    this.staleTimer = null;
  }

  /** Wires the directory to a SignalingChannel. */
  attach(signaling) {
    signaling.on('registered', () => this.markStale());
    signaling.on('sender', (m) => this.upsert(m));
    signaling.on('sender_left', (m) => this.remove(m.sender_id, 'left'));
    return this;
  }

  upsert(message) {
    if (typeof message.sender_id !== 'string') return;
    const { type, ...fields } = message;
    const sender = { ...fields, stale: false };
    if (!Array.isArray(sender.streams)) sender.streams = [];
    this.senders.set(sender.sender_id, sender);
    this.changed({ kind: 'upsert', sender });
  }

  /** `reason`: 'left' (sender_left) or 'stale' (not listed again after a signaling reconnect). */
  remove(senderId, reason) {
    const sender = this.senders.get(senderId);
    if (!sender) return;
    this.senders.delete(senderId);
    this.changed({ kind: 'remove', sender, reason });
  }

  /** After a reconnect the server lists every sender again; those it does not list are gone. */
  markStale() {
    if (this.senders.size === 0) return;
    for (const s of this.senders.values()) s.stale = true;
    clearTimeout(this.staleTimer);
    this.staleTimer = setTimeout(() => {
      for (const s of [...this.senders.values()]) if (s.stale) this.remove(s.sender_id, 'stale');
    }, Defaults.staleSenderMs);
    this.changed({ kind: 'stale' });
  }

  get(senderId) {
    return this.senders.get(senderId) || null;
  }

  /** The first live sender with this display name (names need not be unique). */
  byName(name) {
    for (const s of this.senders.values()) if (s.name === name && !s.stale) return s;
    for (const s of this.senders.values()) if (s.name === name) return s;
    return null;
  }

  list() {
    return [...this.senders.values()].sort((a, b) => a.name.localeCompare(b.name) || a.sender_id.localeCompare(b.sender_id));
  }

  changed(detail) {
    this.dispatchEvent(new CustomEvent('change', { detail }));
  }
}

/** Renders the directory as a list of cards; `onOpen(sender)` when one is chosen. */
export class DirectoryView {
  constructor(element, directory, { onOpen, activeName }) {
    this.element = element;
    this.directory = directory;
    this.onOpen = onOpen;
    this.activeName = activeName;
    this.states = new Map(); // sender_id -> state text for the active one
    directory.addEventListener('change', () => this.render());
    this.render();
  }

  setActive(name, state) {
    this.activeName = name;
    this.activeState = state;
    this.render();
  }

  render() {
    const senders = this.directory.list();
    const list = document.createElement('ul');
    list.className = 'sender-list';
    for (const sender of senders) list.append(this.card(sender));
    const empty = document.createElement('p');
    empty.className = 'empty';
    empty.textContent = 'No camera is online. Senders appear here as soon as they connect.';
    this.element.replaceChildren(senders.length ? list : empty);
  }

  card(sender) {
    const item = document.createElement('li');
    item.className = 'sender';
    item.dataset.senderId = sender.sender_id;
    item.dataset.senderName = sender.name;
    const active = sender.name === this.activeName;
    if (active) item.classList.add('active');
    if (sender.stale) item.classList.add('stale');

    const button = document.createElement('a');
    button.href = `#/s/${encodeURIComponent(sender.name)}`;
    button.className = 'sender-open';
    button.addEventListener('click', (e) => {
      e.preventDefault();
      this.onOpen(sender);
    });

    const title = document.createElement('span');
    title.className = 'sender-name';
    title.textContent = sender.name;

    const state = document.createElement('span');
    state.className = 'sender-state';
    const stateText = sender.stale ? 'reconnecting' : active && this.activeState ? this.activeState : 'online';
    state.textContent = stateText;
    state.dataset.state = stateText;

    const streams = document.createElement('span');
    streams.className = 'sender-streams';
    streams.textContent = sender.streams.length
      ? sender.streams.map(describeStream).join(' · ')
      : sender.mjpeg_url ? 'MJPEG only' : 'no streams announced yet';

    button.append(title, state, streams);
    item.append(button);
    return item;
  }
}

export function streamLabel(name) {
  return { color: 'RGB', infrared: 'IR', depth: 'Depth (video)', depth_z16: 'Depth' }[name] || name;
}

function describeStream(s) {
  const size = s.width && s.height ? ` ${s.width}×${s.height}` : '';
  const fps = s.fps ? ` @${s.fps}` : '';
  return `${streamLabel(s.name)}${size}${fps}`;
}
