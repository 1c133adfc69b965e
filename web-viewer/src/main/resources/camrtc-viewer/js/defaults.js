// Every default of the web viewer, in one place (documented in docs/web-viewer.md).
// Page URL parameters override some of them: ?fallback_ms=, ?trickle=0, ?relay=1 (and ?token=).
const params = new URLSearchParams(window.location.search);

function numberParam(name, fallback) {
  const value = Number(params.get(name));
  return params.has(name) && Number.isFinite(value) && value >= 0 ? value : fallback;
}

export const Defaults = Object.freeze({
  /** First signaling reconnect delay; doubles per failed attempt (with +-20 % jitter). */
  reconnectFirstMs: 500,
  /** Longest signaling reconnect delay. */
  reconnectMaxMs: 8000,
  /** Without a decoded frame this long after request_offer, fall back to MJPEG. */
  fallbackMs: numberParam('fallback_ms', 5000),
  /** Send our ICE candidates as they are found (true) or all inside the answer (false). */
  trickle: params.get('trickle') !== '0',
  /**
   * ICE transport policy: 'all', or 'relay' (?relay=1) to use TURN relays only — to check a TURN setup;
   * with no TURN server WebRTC cannot connect at all and the page falls back to MJPEG.
   */
  iceTransportPolicy: params.get('relay') === '1' ? 'relay' : 'all',
  /** Jitter-buffer target and playout-delay hint given to every receiver (0 = as low as possible). */
  jitterBufferTargetMs: 0,
  /** Stats overlay refresh period. */
  statsIntervalMs: 1000,
  /** Frames averaged for the displayed glass-to-glass latency. */
  latencyWindow: 30,
  /**
   * A sender that hangs up with reason `busy` (its --max-sessions reached): the MJPEG stream is shown, or,
   * without one, WebRTC is asked again after this long.
   */
  busyRetryMs: 15000,
  /** If frames stop while the session looks connected, ask for a new offer after this long. */
  stallMs: 2000,
  /** A sender that was not listed again this long after a signaling reconnect is gone. */
  staleSenderMs: 2000,
  /** Depth view colour range (metres): dark blue at near, dark red at far, as the sender's colorized depth. */
  depthNearMetres: 0.3,
  depthFarMetres: 4.0,
  /** Minimum time between two `control` set messages while a slider moves. */
  controlThrottleMs: 100,
});
