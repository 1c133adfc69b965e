package dev.camrtc.sender;

import dev.camrtc.media.rtc.RtcEngine;
import dev.camrtc.program.CloseInReverse;
import dev.camrtc.protocol.StreamDescription;
import dev.camrtc.protocol.client.SignalingOptions;
import dev.camrtc.sender.camera.CameraSource;
import dev.camrtc.sender.camera.sources.CameraSources;
import dev.camrtc.sender.hub.FrameHub;
import dev.camrtc.sender.http.SenderHttpServer;
import dev.camrtc.sender.settings.SenderSettings;
import dev.camrtc.sender.metrics.CaptureMeter;
import dev.camrtc.sender.metrics.SenderHealth;
import dev.camrtc.sender.metrics.SenderMetrics;
import dev.camrtc.sender.metrics.SessionStatsPoller;
import dev.camrtc.sender.sfu.JanusRelay;
import dev.camrtc.sender.webrtc.SenderSignaling;
import dev.camrtc.sender.webrtc.SessionSlots;
import dev.camrtc.sender.webrtc.WebRtcStreams;
import dev.camrtc.sender.whep.WhepEndpoint;
import dev.camrtc.sender.whep.WhepSessions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicReference;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whole sender, started in this process: camera source -> {@link FrameHub} -> MJPEG server and WebRTC
 * (one shared video source per stream, one peer per receiver or WHEP player), and signaling. Used by {@link Main} and by tests:
 *
 * <pre>{@code
 * try (RunningSender sender = RunningSender.start(config, new TestPatternSource())) {
 *     ... sender.signaling().senderId() ...
 * }
 * }</pre>
 *
 * {@link #close()} hangs up every receiver, closes the peers, the shared video sources and the WebRTC
 * factory (the order webrtc-java needs), then the MJPEG server, the hub and the camera.
 */
public final class RunningSender implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunningSender.class);

    private final CameraSource source;
    private final FrameHub hub;
    private final SenderHttpServer mjpeg;
    private final RtcEngine engine;
    private final WebRtcStreams streams;
    private final SenderSignaling signaling;
    private final SenderMetrics metrics;
    private final WhepSessions whep;
    private final JanusRelay relay;
    private final String label;
    private final Deque<AutoCloseable> closeOrder;
    private boolean closed;

    private RunningSender(CameraSource source, FrameHub hub, SenderHttpServer mjpeg, RtcEngine engine,
                          WebRtcStreams streams, SenderSignaling signaling, SenderMetrics metrics, WhepSessions whep,
                          JanusRelay relay, String label,
                          Deque<AutoCloseable> closeOrder) {
        this.source = source;
        this.hub = hub;
        this.mjpeg = mjpeg;
        this.engine = engine;
        this.streams = streams;
        this.signaling = signaling;
        this.metrics = metrics;
        this.whep = whep;
        this.relay = relay;
        this.label = label;
        this.closeOrder = closeOrder;
    }

    /**
     * Opens the camera of {@code config.source()} and starts the sender with it.
     *
     * @throws dev.camrtc.sender.camera.CameraUnavailableException when the camera is not there (one line:
     *         what was looked for and how to fix it)
     * @throws IllegalArgumentException for a malformed {@code --source} or a codec this build cannot send
     */
    public static RunningSender start(SenderSettings config) {
        return start(config, CameraSources.open(config.source(), config.sourceOptions()));
    }

    /**
     * Starts {@code source} (this sender owns it from now on, and closes it) and connects to the signaling
     * server in the background. On failure everything opened so far is closed again before the exception
     * propagates.
     */
    public static RunningSender start(SenderSettings config, CameraSource source) {
        String label = config.name().orElse("sender");
        Deque<AutoCloseable> opened = new ArrayDeque<>();
        opened.push(source);
        try {
            CaptureMeter meter = new CaptureMeter(source);
            FrameHub hub = FrameHub.start(label, meter);
            opened.push(hub);
            AtomicReference<SenderSignaling> started = new AtomicReference<>();
            SenderMetrics metrics = new SenderMetrics(meter, new SenderHealth(meter, config.sourceOptions().alwaysOn()),
                    source.streams().stream().map(StreamDescription::name).toList(),
                    () -> started.get() == null ? 0 : started.get().sessionCount());
            RtcEngine engine = new RtcEngine();
            opened.push(engine);
            var settings = config.peerSettings();
            if (!engine.sendableCodecs().contains(settings.codec())) {
                throw new IllegalArgumentException("--codec " + settings.codec() + " is not supported by this "
                        + "libwebrtc build (supported: " + engine.sendableCodecs() + ")");
            }
            WebRtcStreams streams = new WebRtcStreams(engine, source.streams(), hub::subscribe, config.depthCodec(),
                    label);
            opened.push(streams);
            SessionSlots slots = new SessionSlots(config.sessionLimits().maxSessions()); // shared by WHEP and signaling
            WhepSessions whep = new WhepSessions(label, engine, streams, settings, config.sessionLimits(), slots);
            opened.push(whep);
            SenderHttpServer mjpeg = null;
            if (config.http().isPresent()) {
                mjpeg = SenderHttpServer.start(config.http().get(), hub, hub.streams(), source.controls(), metrics,
                        List.of(new WhepEndpoint(whep)));
                opened.push(mjpeg);
            }
            JanusRelay relay = null;
            if (config.sfu().isPresent()) {
                relay = JanusRelay.start(config.sfu().get(), label, engine, streams, settings);
                opened.push(relay);
            }
            var options = config.signaling();
            SenderSignaling signaling = SenderSignaling.start(options, engine, streams, settings, config.sessionLimits(),
                    slots, source.controls(),
                    new SenderSignaling.Announcement(config.name().orElse(null), source.streams(),
                            config.mjpegUrl().map(Object::toString).orElse(null)));
            opened.push(signaling);
            started.set(signaling);
            if (relay != null) {
                signaling.relayThrough(relay);
            }
            JanusRelay publishers = relay;
            opened.push(SessionStatsPoller.start(label, metrics.registry(), streams.sendable(),
                    () -> withPublishers(signaling.sessionPeers(), publishers), config.sessionLimits().maxSessions() + 1));
            LOG.info("{}: {} streaming {} to {} (codec {}, {}..{} kbit/s per stream{})", label, source.description(),
                    streams.sendable() + (streams.dataChannels().isEmpty() ? "" : " + " + streams.dataChannels()),
                    options.endpointWithoutToken(), settings.codec(), settings.minBitrateBps() / 1000,
                    settings.maxBitrateBps() / 1000, settings.trickle() ? ", trickle ICE" : "");
            return new RunningSender(source, hub, mjpeg, engine, streams, signaling, metrics, whep, relay, label,
                    opened);
        } catch (RuntimeException | Error e) {
            CloseInReverse.closeAll(opened, label);
            throw e;
        }
    }

    /** The sessions' own peer connections plus the SFU publisher's (it encodes once for every relayed receiver). */
    private static List<SenderSignaling.OpenSession> withPublishers(List<SenderSignaling.OpenSession> sessions,
                                                                    JanusRelay relay) {
        if (relay == null || relay.publishers().isEmpty()) {
            return sessions;
        }
        List<SenderSignaling.OpenSession> all = new java.util.ArrayList<>(sessions);
        all.addAll(relay.publishers());
        return all;
    }

    public SenderSignaling signaling() {
        return signaling;
    }

    /** The SFU receivers are served through ({@code --sfu}); empty without one. */
    public java.util.Optional<JanusRelay> relay() {
        return java.util.Optional.ofNullable(relay);
    }

    /** The WHEP sessions (served on the MJPEG port, PROTOCOL.md 5). */
    public WhepSessions whep() {
        return whep;
    }

    public WebRtcStreams streams() {
        return streams;
    }

    public FrameHub hub() {
        return hub;
    }

    /** The MJPEG server, empty when disabled ({@code --mjpeg-port 0}). */
    public java.util.Optional<SenderHttpServer> mjpeg() {
        return java.util.Optional.ofNullable(mjpeg);
    }

    /** The metrics and health served on {@code /metrics} and {@code /healthz}. */
    public SenderMetrics metrics() {
        return metrics;
    }

    public CameraSource source() {
        return source;
    }

    public RtcEngine engine() {
        return engine;
    }

    /** Hangs up, closes peers, video sources, the WebRTC factory, the hub, then the camera. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        LOG.info("{}: shutting down", label);
        CloseInReverse.closeAll(closeOrder, label);
        LOG.info("{}: stopped", label);
    }
}
