// Camera controls (PROTOCOL.md 3.6): `control` list, then a slider or a switch per control;
// every change is a `control` set, throttled while a slider moves. Without the `control` permission
// (the `permissions` of `registered`, or a `forbidden` answer) the values are shown read-only.
import { Defaults } from './defaults.js';

const LABELS = {
  exposure: ['Exposure', 'µs'],
  gain: ['Gain', ''],
  auto_exposure: ['Auto exposure', ''],
  laser_power: ['Laser power', 'mW'],
  emitter_enabled: ['IR emitter', ''],
};

let nextRequest = 1;

export class ControlsPanel {
  constructor(element, signaling) {
    this.element = element;
    this.signaling = signaling;
    this.senderId = null;
    this.pending = new Map(); // request_id -> callback(result)
    this.rows = new Map(); // name -> {input, output, error, info}
    signaling.on('control_result', (m) => {
      const callback = this.pending.get(m.request_id);
      if (!callback) return;
      this.pending.delete(m.request_id);
      callback(m);
    });
    signaling.on('error', (m) => {
      if (m.code !== 'forbidden' || m.ref !== 'control') return;
      this.forbidden = true; // the token lost the permission while we were connected
      if (this.senderId) this.load(this.senderId);
    });
    signaling.on('registered', () => { this.forbidden = false; });
  }

  /** True when our token may change settings (`control` set). */
  mayChange() {
    const p = this.signaling.permissions;
    return !this.forbidden && (!Array.isArray(p) || p.includes('control'));
  }

  /** Asks `senderId` for its controls and renders them. */
  load(senderId) {
    this.senderId = senderId;
    this.pending.clear();
    this.rows.clear();
    this.setBody(note('Loading camera controls…'));
    this.request({ op: 'list' }, (result) => {
      if (senderId !== this.senderId) return;
      if (!result.ok) return this.setBody(note(`This camera's controls are not available: ${result.error || 'error'}`));
      const controls = Array.isArray(result.value) ? result.value : [];
      if (controls.length === 0) return this.setBody(note('This camera has no adjustable controls.'));
      const rows = controls.map((c) => this.controlRow(c));
      if (!this.mayChange()) rows.unshift(note('Read-only: this access token may not change camera settings.'));
      this.setBody(...rows);
    });
  }

  clear(message = '') {
    this.senderId = null;
    this.pending.clear();
    this.rows.clear();
    this.setBody(...(message ? [note(message)] : []));
  }

  request(fields, callback) {
    const request_id = String(nextRequest++);
    this.pending.set(request_id, callback);
    const sent = this.signaling.send({ type: 'control', sender_id: this.senderId, request_id, ...fields });
    if (!sent) {
      this.pending.delete(request_id);
      callback({ ok: false, error: 'not connected to the signaling server' });
    }
  }

  controlRow(info) {
    const plain = info.name.replace(/_/g, ' ');
    const [label, unit] = LABELS[info.name] || [plain.charAt(0).toUpperCase() + plain.slice(1), ''];
    const row = document.createElement('div');
    row.className = 'control';
    row.dataset.control = info.name;
    const title = document.createElement('label');
    title.textContent = label;
    const output = document.createElement('output');
    const error = document.createElement('p');
    error.className = 'control-error';
    error.hidden = true;
    const isBool = typeof info.value === 'boolean' || typeof info.default === 'boolean';
    const input = document.createElement('input');
    input.id = `control-${info.name}`;
    title.htmlFor = input.id;
    if (isBool) {
      input.type = 'checkbox';
      input.className = 'switch';
      input.checked = Boolean(info.value);
      output.textContent = input.checked ? 'on' : 'off';
      input.addEventListener('change', () => this.set(info.name, input.checked));
    } else {
      input.type = 'range';
      if (info.min != null) input.min = info.min;
      if (info.max != null) input.max = info.max;
      input.step = info.step != null && info.step > 0 ? info.step : 'any';
      input.value = info.value;
      output.textContent = format(info.value, unit);
      input.addEventListener('input', () => {
        output.textContent = format(Number(input.value), unit);
        this.throttledSet(info.name, Number(input.value));
      });
    }
    const head = document.createElement('div');
    head.className = 'control-head';
    head.append(title, output);
    if (!this.mayChange()) {
      input.disabled = true;
      input.hidden = true; // show the value only: no control that would be refused
      row.classList.add('read-only');
    }
    row.append(head, input, error);
    this.rows.set(info.name, { input, output, error, unit, isBool, timer: null, lastSent: 0, value: info.value });
    return row;
  }

  throttledSet(name, value) {
    const r = this.rows.get(name);
    clearTimeout(r.timer);
    const wait = Defaults.controlThrottleMs - (performance.now() - r.lastSent);
    if (wait <= 0) {
      this.set(name, value);
    } else {
      r.timer = setTimeout(() => this.set(name, value), wait);
    }
  }

  set(name, value) {
    const r = this.rows.get(name);
    r.lastSent = performance.now();
    const senderId = this.senderId;
    this.request({ op: 'set', name, value }, (result) => {
      if (senderId !== this.senderId) return;
      r.error.hidden = result.ok;
      r.error.textContent = result.ok ? '' : `Not applied: ${result.error || 'refused by the camera'}`;
      const applied = result.ok && result.value !== undefined ? result.value : r.value;
      r.value = applied;
      if (r.isBool) {
        r.input.checked = Boolean(applied);
        r.output.textContent = applied ? 'on' : 'off';
      } else if (!result.ok || document.activeElement !== r.input) {
        r.input.value = applied;
        r.output.textContent = format(applied, r.unit);
      }
      r.input.closest('.control').dataset.value = String(applied);
    });
  }

  setBody(...children) {
    this.element.replaceChildren(...children);
  }
}

function note(text) {
  const p = document.createElement('p');
  p.className = 'note';
  p.textContent = text;
  return p;
}

function format(value, unit) {
  const n = Number(value);
  const text = Number.isInteger(n) ? String(n) : n.toFixed(2);
  return unit ? `${text} ${unit}` : text;
}
