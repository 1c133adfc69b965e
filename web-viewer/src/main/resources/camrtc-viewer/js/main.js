// The web viewer's entry point: wires signaling, directory, player and controls to the page.
import { SignalingChannel, probeAccess, receiverUrl } from './signaling.js';
import { SenderDirectory, DirectoryView, streamLabel } from './directory.js';
import { Stage } from './player.js';
import { ControlsPanel } from './controls.js';
import { Watcher } from './watch.js';

const $ = (id) => document.getElementById(id);
const token = new URLSearchParams(location.search).get('token');

const signaling = new SignalingChannel(receiverUrl(location));
const directory = new SenderDirectory().attach(signaling);
const stage = new Stage($('stage'));
const controls = new ControlsPanel($('controls'), signaling);
const watcher = new Watcher({ signaling, directory, stage, controls, token });
let clickedAt = null;

const directoryView = new DirectoryView($('directory'), directory, {
  onOpen: (sender) => {
    clickedAt = performance.now();
    const hash = `#/s/${encodeURIComponent(sender.name)}`;
    if (location.hash === hash && watcher.name === sender.name) return watcher.retryWebRtc();
    location.hash = hash;
  },
});

function route() {
  const match = /^#\/s\/(.+)$/.exec(location.hash);
  const name = match ? decodeURIComponent(match[1]) : null;
  if (name === watcher.name) return;
  if (name) {
    watcher.open(name, clickedAt ?? performance.now());
  } else {
    watcher.close();
  }
  clickedAt = null;
  $('player').classList.toggle('has-sender', name !== null);
  $('player-title').textContent = name || '';
  document.title = name ? `${name} — camrtc` : 'camrtc — live cameras';
  renderToggle();
}

function renderToggle() {
  const names = [...stage.tiles.keys()];
  const buttons = names.map((name) => toggleButton(streamLabel(name), name, !stage.split && stage.selected === name,
    () => stage.select(name)));
  if (names.length > 1) {
    buttons.push(toggleButton('Side by side', 'split', stage.split, () => stage.setSplit(!stage.split)));
  }
  $('stream-toggle').replaceChildren(...buttons);
}

function toggleButton(label, key, pressed, action) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.dataset.view = key;
  b.setAttribute('aria-pressed', String(pressed));
  b.addEventListener('click', () => {
    action();
    renderToggle();
  });
  return b;
}

watcher.addEventListener('state', (e) => {
  directoryView.setActive(watcher.name, stateLabel(e.detail.state));
  $('btn-retry').hidden = e.detail.state !== 'mjpeg';
  renderToggle();
});
watcher.addEventListener('notice', (e) => {
  $('notice-text').textContent = e.detail.message;
  $('notice').hidden = !e.detail.message;
});

function stateLabel(state) {
  return { connecting: 'connecting', playing: 'live', mjpeg: 'MJPEG', offline: 'offline', error: 'no video' }[state] || 'online';
}

signaling.addEventListener('state', (e) => {
  const { state, delay, opened } = e.detail;
  const conn = $('conn');
  conn.dataset.state = state;
  conn.textContent = {
    connecting: 'Connecting…',
    open: 'Connected',
    reconnecting: `Server unreachable — retrying in ${Math.max(1, Math.round((delay || 0) / 1000))} s`,
    closed: 'Disconnected',
  }[state];
  if (state === 'open') accessDenied = false;
  if (accessDenied) showDenied(conn);
  if (state === 'reconnecting' && !opened) {
    // The upgrade was refused or never answered: tell a missing or wrong token from a dead server.
    probeAccess(location).then((why) => {
      accessDenied = why === 'denied' && signaling.state !== 'open';
      if (accessDenied) showDenied(conn);
    });
  }
  // The server lists its senders right after `registered`; say "offline" only if ours is not among them.
  if (state === 'open') setTimeout(() => watcher.name && !watcher.sender && watcher.tryStart(), 400);
});

let accessDenied = false;

function showDenied(conn) {
  conn.dataset.state = 'denied';
  conn.textContent = token ? 'Access denied: the token in the address is wrong'
    : 'Access denied: this server needs ?token=… in the page address';
}

$('btn-stats').addEventListener('click', (e) => {
  const on = stage.element.classList.toggle('no-stats') === false;
  e.currentTarget.setAttribute('aria-pressed', String(on));
});
$('btn-snapshot').addEventListener('click', () => saveSnapshot());
$('btn-fullscreen').addEventListener('click', () => stage.toggleFullscreen());
$('btn-retry').addEventListener('click', () => watcher.retryWebRtc());
stage.element.addEventListener('dblclick', () => stage.toggleFullscreen());

async function saveSnapshot() {
  try {
    const blob = await stage.snapshot();
    if (!blob) return;
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    const time = new Date().toISOString().replace(/[:.]/g, '-');
    a.download = `${watcher.name}-${stage.selected}-${time}.png`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  } catch (e) {
    $('notice-text').textContent = 'This MJPEG stream comes from another origin: the browser does not let the page save it. Right-click the image instead.';
    $('notice').hidden = false;
  }
}

document.addEventListener('keydown', (e) => {
  if (e.target.closest('input, textarea') || e.ctrlKey || e.metaKey || e.altKey) return;
  const names = [...stage.tiles.keys()];
  const keys = { r: 'color', i: 'infrared', d: null, s: null, f: null, p: null };
  if (!(e.key in keys) || !watcher.name) return;
  if (e.key === 'f') stage.toggleFullscreen();
  else if (e.key === 'p') saveSnapshot();
  else if (e.key === 'd') $('btn-stats').click();
  else if (e.key === 's' && names.length > 1) stage.setSplit(!stage.split);
  else if (keys[e.key] && names.includes(keys[e.key])) stage.select(keys[e.key]);
  renderToggle();
});

window.addEventListener('hashchange', route);
// For debugging in the console and for the end-to-end tests.
window.camrtc = { signaling, directory, watcher, stage, controls };
signaling.connect();
route();
