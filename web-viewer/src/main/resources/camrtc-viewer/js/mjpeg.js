// The sender's MJPEG URLs (PROTOCOL.md 5), the fallback when WebRTC cannot connect.

/** URL of one stream's MJPEG feed under the sender's `mjpeg_url`; the page's token is passed on. */
export function mjpegStreamUrl(mjpegUrl, stream, token) {
  const url = new URL(`${encodeURIComponent(stream)}.mjpg`, mjpegUrl.endsWith('/') ? mjpegUrl : `${mjpegUrl}/`);
  if (token) url.searchParams.set('token', token);
  return url.toString();
}

/** Host:port of the MJPEG server, for messages. */
export function mjpegHost(mjpegUrl) {
  try {
    return new URL(mjpegUrl).host;
  } catch (e) {
    return mjpegUrl;
  }
}
