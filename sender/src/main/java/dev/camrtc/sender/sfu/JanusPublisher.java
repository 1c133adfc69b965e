package dev.camrtc.sender.sfu;

import dev.camrtc.media.rtc.LocalOffer;
import dev.camrtc.media.rtc.OfferingPeer;
import dev.camrtc.media.rtc.PeerListener;
import dev.camrtc.media.rtc.PeerSettings;
import dev.camrtc.media.rtc.RtcEngine;
import dev.camrtc.protocol.SessionDescription;
import dev.camrtc.protocol.StreamMid;
import dev.camrtc.sender.webrtc.WebRtcStreams;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The sender's one publication into a VideoRoom: a publisher handle and one {@link OfferingPeer} carrying every
 * video stream once (the only encoder of those streams however many receivers Janus serves). Non-trickle: the
 * offer holds every candidate. Publishing completes when Janus reports the connection up ({@code webrtcup}): only
 * then does it offer the feed to subscribers. {@link #close()} closes the peer, releases the streams and detaches the handle.
 */
final class JanusPublisher implements AutoCloseable {

    private final String id;
    private final JanusHandle handle;
    private final OfferingPeer peer;
    private final WebRtcStreams streams;
    private final List<String> names;
    private final long feed;
    private final Map<String, String> namesByMid;

    private JanusPublisher(String id, JanusHandle handle, OfferingPeer peer, WebRtcStreams streams, List<String> names, long feed,
                           Map<String, String> namesByMid) {
        this.id = id;
        this.handle = handle;
        this.peer = peer;
        this.streams = streams;
        this.names = names;
        this.feed = feed;
        this.namesByMid = namesByMid;
    }

    /**
     * Joins {@code room} as publisher and publishes every sendable stream; blocks until Janus reports the connection
     * up. {@code id} names this publication (a new one for each).
     * {@code onFailed} runs when the publisher's connection to Janus fails later.
     */
    static JanusPublisher publish(String id, JanusSession session, long room, String name, RtcEngine engine, WebRtcStreams streams,
                                  PeerSettings settings, JanusLimits limits, Consumer<String> onFailed) {
        long wait = limits.requestTimeout().toMillis();
        CompletableFuture<Void> webrtcUp = new CompletableFuture<>();
        JanusHandle handle = session.attach(VideoRoom.PLUGIN, e -> {
            if ("webrtcup".equals(e.janus())) {
                webrtcUp.complete(null);
            }
        });
        List<String> names = streams.sendable();
        OfferingPeer peer = null;
        boolean acquired = false;
        try {
            JanusEvent joined = handle.message(VideoRoom.joinPublisher(room, name), null).get(wait, TimeUnit.MILLISECONDS);
            long feed = joined.data().path("id").asLong();
            var sources = streams.acquire(names);
            acquired = true;
            peer = engine.createOfferingPeer(id, List.of(), sources, settings.withTrickle(false),
                    new PeerListener() {
                        @Override
                        public void onConnectionStateChange(RTCPeerConnectionState s) {
                            if (s == RTCPeerConnectionState.FAILED) {
                                onFailed.accept("the publisher's connection to Janus failed");
                            }
                        }
                    });
            LocalOffer offer = peer.createOffer().get(wait * 2, TimeUnit.MILLISECONDS);
            JanusEvent configured = handle.message(VideoRoom.publish(offer.streams()), offer.offer())
                    .get(wait, TimeUnit.MILLISECONDS);
            if (configured.jsep() == null) {
                throw new JanusException("Janus answered publish without SDP: " + configured.raw());
            }
            peer.applyAnswer(new SessionDescription("answer", configured.jsep().path("sdp").asText()))
                    .get(wait, TimeUnit.MILLISECONDS);
            // Janus offers a feed to subscribers only once the publisher's connection is up
            webrtcUp.get(wait * 2, TimeUnit.MILLISECONDS);
            Map<String, String> byMid = new LinkedHashMap<>();
            for (StreamMid s : offer.streams()) {
                byMid.put(s.mid(), s.name());
            }
            return new JanusPublisher(id, handle, peer, streams, names, feed, byMid);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw fail(handle, peer, streams, acquired ? names : List.of(), new JanusException("interrupted", e));
        } catch (ExecutionException e) {
            throw fail(handle, peer, streams, acquired ? names : List.of(),
                    e.getCause() instanceof JanusException j ? j : new JanusException(String.valueOf(e.getCause()), e));
        } catch (TimeoutException e) {
            throw fail(handle, peer, streams, acquired ? names : List.of(),
                    new JanusException("Janus or the publisher's peer did not answer in time", e));
        } catch (RuntimeException e) {
            throw fail(handle, peer, streams, acquired ? names : List.of(), e);
        }
    }

    private static RuntimeException fail(JanusHandle handle, OfferingPeer peer, WebRtcStreams streams, List<String> names,
                                         RuntimeException e) {
        if (peer != null) {
            peer.close();
        }
        streams.release(names);
        handle.close();
        return e;
    }

    /** This publication's id (logs, per-session metrics). */
    String id() {
        return id;
    }

    long feed() {
        return feed;
    }

    /** Our stream name of each published m-line, by its mid. */
    Map<String, String> namesByMid() {
        return namesByMid;
    }

    /** The publisher's mids carrying {@code wanted}, in the order of {@code wanted}. */
    List<String> midsOf(List<String> wanted) {
        return wanted.stream().map(n -> namesByMid.entrySet().stream().filter(e -> e.getValue().equals(n))
                .map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new JanusException("stream " + n + " is not published"))).toList();
    }

    OfferingPeer peer() {
        return peer;
    }

    @Override
    public void close() {
        try {
            peer.close();
        } finally {
            streams.release(names);
            handle.close();
        }
    }
}
