package dev.camrtc.sender.http.mjpeg;

import io.javalin.http.Context;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kernel send buffer (SO_SNDBUF) of one streaming client's socket, kept at about two frames: the size
 * of the frame about to be written, which Linux doubles for its bookkeeping (at least
 * {@link StreamEndpoints#MIN_SEND_BUFFER_BYTES}). Left alone, the kernel grows it to megabytes, and a
 * client that stops reading for a while would find seconds of old frames waiting when it resumes; with
 * it, what waits for a stalled client is these two frames plus the one being written, and the next frame
 * it gets is the newest from its {@link MjpegClient} slot. Two frames in flight still sustain the full
 * frame rate on links with a round trip up to two frame periods.
 */
final class SendBuffer {

    private static final Logger LOG = LoggerFactory.getLogger(SendBuffer.class);
    private static final SendBuffer NONE = new SendBuffer(null);

    private final SocketChannel channel;
    private int size; // requested SO_SNDBUF, 0 = kernel default

    private SendBuffer(SocketChannel channel) {
        this.channel = channel;
    }

    /** The send buffer of the request's socket (a no-op one when the connection is not a plain socket). */
    static SendBuffer of(Context ctx) {
        try {
            EndPoint endPoint = Request.getBaseRequest(ctx.req()).getHttpChannel().getEndPoint();
            if (endPoint instanceof SocketChannelEndPoint socket) {
                return new SendBuffer(socket.getChannel());
            }
            LOG.debug("MJPEG client on a {}: its send buffer is left to the kernel", endPoint.getClass().getSimpleName());
        } catch (RuntimeException e) {
            LOG.debug("cannot reach an MJPEG client's socket: {}", e.toString());
        }
        return NONE;
    }

    /** Resizes the buffer for a frame of {@code frameBytes} when it is off by more than a quarter. */
    void fit(int frameBytes) {
        int wanted = Math.max(StreamEndpoints.MIN_SEND_BUFFER_BYTES, frameBytes);
        if (channel == null || (size != 0 && wanted <= size * 5 / 4 && wanted >= size * 3 / 4)) {
            return;
        }
        try {
            channel.setOption(StandardSocketOptions.SO_SNDBUF, wanted);
            size = wanted;
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot set an MJPEG client's send buffer: {}", e.toString());
        }
    }
}
