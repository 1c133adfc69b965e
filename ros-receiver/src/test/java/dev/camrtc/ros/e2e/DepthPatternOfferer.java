package dev.camrtc.ros.e2e;

import dev.camrtc.media.depth.DepthCodec;
import dev.camrtc.media.depth.DepthFrameCodec;
import dev.camrtc.media.depth.DepthFrameHeader;
import dev.camrtc.media.depth.DepthTestPattern;
import dev.camrtc.media.rtc.DepthChannelSender;
import dev.camrtc.media.rtc.LocalOffer;
import dev.camrtc.media.rtc.OfferingPeer;
import dev.camrtc.media.rtc.PeerListener;
import dev.camrtc.media.rtc.PeerSettings;
import dev.camrtc.media.rtc.RtcEngine;
import dev.camrtc.protocol.Announce;
import dev.camrtc.protocol.Answer;
import dev.camrtc.protocol.Candidate;
import dev.camrtc.protocol.Hangup;
import dev.camrtc.protocol.IceServer;
import dev.camrtc.protocol.Intrinsics;
import dev.camrtc.protocol.Message;
import dev.camrtc.protocol.Offer;
import dev.camrtc.protocol.ReceiverLeft;
import dev.camrtc.protocol.Registered;
import dev.camrtc.protocol.RequestOffer;
import dev.camrtc.protocol.StreamDescription;
import dev.camrtc.protocol.client.SignalingClient;
import dev.camrtc.protocol.client.SignalingOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A test-side sender of lossless depth only (a trimmed copy of system-tests' DepthPatternOfferer, which this
 * module cannot depend on; the real sender's {@code --enable-depth} is another branch): registers with the
 * real signaling server through protocol's {@link SignalingClient}, announces {@code depth_z16} (PROTOCOL.md
 * 8, 640x480@30, depth_units 0.001, with intrinsics) and, per {@code request_offer}, offers through media's
 * {@link OfferingPeer} with its data channel, then sends the section-8 test pattern at 30 fps (RVL, encoded
 * once per frame for every session, capture time = now). Also announces a data-channel stream of an unknown
 * kind and a colorized {@code depth} video (never offered), neither of which a ROS receiver may request.
 */
final class DepthPatternOfferer implements AutoCloseable {

    public static final String DEPTH = "depth_z16";
    public static final int W = 640;
    public static final int H = 480;

    private final RtcEngine engine = new RtcEngine();
    private final Map<String, OfferingPeer> peers = new ConcurrentHashMap<>();
    private final List<RequestOffer> requests = new CopyOnWriteArrayList<>();
    private final SignalingClient client;
    private final Thread frames;
    private volatile List<IceServer> iceServers = List.of();
    private volatile boolean closed;
    private volatile long framesSent;
    private volatile long framesSkipped;

    /** The announced depth intrinsics (also what camera_info must carry). */
    public static final Intrinsics INTRINSICS = new Intrinsics(385.5, 385.25, 321.75, 237.5, "brown_conrady",
            List.of(0.0, 0.0, 0.0, 0.0, 0.0));

    private DepthPatternOfferer(URI server, String name) throws Exception {
        client = SignalingClient.connect(SignalingOptions.sender(URI.create("ws://" + server.getAuthority()), name, null),
                new SignalingClient.Listener() {
                    @Override
                    public void onRegistered(Registered registered) {
                        iceServers = registered.iceServers() == null ? List.of() : registered.iceServers();
                    }

                    @Override
                    public void onMessage(Message message) {
                        handle(message);
                    }
                });
        client.send(new Announce(name, List.of(
                StreamDescription.depthDataChannel(DEPTH, W, H, 30, DepthTestPattern.DEPTH_UNITS)
                        .withIntrinsics(INTRINSICS),
                new StreamDescription("depth", W, H, 30, "bgr8"), // a colorized view it never offers
                new StreamDescription("points", null, null, null, "x-unknown", "datachannel", null, null)),
                null)).get(5, TimeUnit.SECONDS);
        frames = new Thread(this::sendFrames, "depth-offerer-frames");
        frames.setDaemon(true);
        frames.start();
    }

    public static DepthPatternOfferer start(URI server, String name) throws Exception {
        return new DepthPatternOfferer(server, name);
    }

    /** Every request_offer received, in order. */
    public List<RequestOffer> requests() {
        return requests;
    }

    public long framesSent() {
        return framesSent;
    }

    /** Frames the data channel was still too busy for (DepthChannelSender pacing). */
    public long framesSkipped() {
        return framesSkipped;
    }

    private void handle(Message message) {
        try {
            if (message instanceof RequestOffer r) {
                requests.add(r);
                OfferingPeer old = peers.remove(r.receiverId());
                if (old != null) {
                    old.close();
                }
                OfferingPeer peer = engine.createOfferingPeer(r.receiverId(), iceServers, List.of(), List.of(DEPTH),
                        PeerSettings.defaults(), PeerListener.NONE);
                peers.put(r.receiverId(), peer);
                LocalOffer offer = peer.createOffer().get(10, TimeUnit.SECONDS);
                client.send(Offer.toReceiver(r.receiverId(), offer.offer(), offer.streams(), "depth-" + requests.size()));
            } else if (message instanceof Answer a) {
                OfferingPeer peer = peers.get(a.receiverId());
                if (peer != null) {
                    peer.applyAnswer(a.answer()).get(10, TimeUnit.SECONDS);
                }
            } else if (message instanceof Candidate c) {
                OfferingPeer peer = peers.get(c.receiverId());
                if (peer != null) {
                    peer.addRemoteCandidate(c.candidate());
                }
            } else if (message instanceof Hangup h) {
                closePeer(h.receiverId());
            } else if (message instanceof ReceiverLeft l) {
                closePeer(l.receiverId());
            }
        } catch (Exception e) {
            throw new IllegalStateException("depth offerer: " + message.type() + " failed", e);
        }
    }

    private void closePeer(String receiverId) {
        OfferingPeer peer = peers.remove(receiverId);
        if (peer != null) {
            peer.close();
        }
    }

    private void sendFrames() {
        DepthFrameCodec codec = new DepthFrameCodec();
        ByteBuffer depth = ByteBuffer.allocateDirect(W * H * 2);
        byte[] payload = new byte[DepthFrameCodec.maxEncodedSize(DepthCodec.RVL, W * H)];
        long next = System.nanoTime();
        for (long n = 0; !closed; n++) {
            DepthTestPattern.fill(depth, W, H, n);
            int length = codec.encode(DepthCodec.RVL, depth, W, H, payload, 0);
            DepthFrameHeader header = new DepthFrameHeader(n, System.currentTimeMillis() * 1000, W, H, DepthCodec.RVL);
            for (OfferingPeer peer : peers.values()) {
                DepthChannelSender channel = peer.depthChannels().get(DEPTH);
                DepthChannelSender.Result result = channel == null ? null : channel.send(header, payload, 0, length);
                if (result == DepthChannelSender.Result.SENT) {
                    framesSent++;
                } else if (result == DepthChannelSender.Result.SKIPPED) {
                    framesSkipped++;
                }
            }
            next += 33_333_333;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
            } else {
                next = System.nanoTime();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        frames.interrupt();
        try {
            frames.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        client.close();
        peers.values().forEach(OfferingPeer::close);
        peers.clear();
        engine.close();
    }
}
