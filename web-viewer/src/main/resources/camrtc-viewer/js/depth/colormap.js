// The sender's depth colour map (sender DepthColorizer: a jet ramp from dark blue at `near` to dark red
// at `far`, black where there is no depth), as a 65,536-entry RGBA lookup table for ImageData.

/** The jet ramp of one channel: 0 -> 255 -> 0 over t in [0.125, 0.875] (as DepthColorizer.channel). */
function channel(t) {
  const v = 1.5 - Math.abs(4 * t - 2);
  return Math.round(255 * Math.min(1, Math.max(0, v)));
}

/**
 * RGBA colours of every depth value (Uint32Array in the platform's byte order, for a Uint32Array view of
 * ImageData) for the range near..far in depth units (1 <= near < far <= 65535).
 */
export function colorTable(near, far) {
  const table = new Uint32Array(65536);
  const bytes = new Uint8Array(table.buffer);
  bytes[3] = 255; // value 0: opaque black
  for (let z = 1; z < 65536; z++) {
    const t = Math.min(1, Math.max(0, (z - near) / (far - near)));
    const o = z * 4;
    bytes[o] = channel(t - 0.25);
    bytes[o + 1] = channel(t);
    bytes[o + 2] = channel(t + 0.25);
    bytes[o + 3] = 255;
  }
  return table;
}

/** A valid near..far range in depth units from metres (near clamped to >= 1 unit, far > near). */
export function unitRange(nearMetres, farMetres, depthUnits) {
  const near = Math.min(65534, Math.max(1, Math.round(nearMetres / depthUnits)));
  const far = Math.min(65535, Math.max(near + 1, Math.round(farMetres / depthUnits)));
  return { near, far };
}
