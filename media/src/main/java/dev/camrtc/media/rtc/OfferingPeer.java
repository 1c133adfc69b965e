package dev.camrtc.media.rtc;

import dev.camrtc.protocol.IceCandidate;
import dev.camrtc.protocol.IceServer;
import dev.camrtc.protocol.SessionDescription;
import dev.camrtc.protocol.StreamMid;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCRtpCodecCapability;
import dev.onvoid.webrtc.RTCRtpEncodingParameters;
import dev.onvoid.webrtc.RTCRtpSendParameters;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCRtpTransceiverDirection;
import dev.onvoid.webrtc.RTCRtpTransceiverInit;
import dev.onvoid.webrtc.RTCSdpType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The sender's side of one session with one receiver (PROTOCOL.md 3.3): one RTCPeerConnection with one
 * {@code sendonly} video m-line per requested stream, each carrying that stream's shared track, and one
 * ordered reliable data channel per requested data-channel stream (PROTOCOL.md 8, label = stream name,
 * created before the offer; send frames through {@link #depthChannels()}).
 *
 * <pre>{@code
 * OfferingPeer peer = engine.createOfferingPeer("r-81b2d0", ice, List.of(color, ir), settings, listener);
 * LocalOffer offer = peer.createOffer().get(10, SECONDS);   // send offer.offer() + offer.streams()
 * peer.applyAnswer(answer).get(10, SECONDS);                 // from the receiver's "answer"
 * ...
 * peer.close();                                               // never from a libwebrtc callback
 * }</pre>
 *
 * After the answer is applied, each video encoding gets {@link PeerSettings#minBitrateBps()} and
 * {@link PeerSettings#maxBitrateBps()} (libwebrtc has no encodings to set before negotiation).
 */
public final class OfferingPeer implements AutoCloseable {

    private final PeerConnectionCore core;
    private final PeerSettings settings;
    private final List<RTCRtpTransceiver> transceivers = new ArrayList<>();
    private final List<String> streamNames = new ArrayList<>();
    private final Map<String, DepthChannelSender> depthChannels = new LinkedHashMap<>();

    OfferingPeer(RtcEngine engine, String id, List<IceServer> iceServers, List<VideoStreamSource> streams,
                 PeerSettings settings, PeerListener listener) {
        this(engine, id, iceServers, streams, List.of(), settings, listener);
    }

    OfferingPeer(RtcEngine engine, String id, List<IceServer> iceServers, List<VideoStreamSource> streams,
                 List<String> dataChannels, PeerSettings settings, PeerListener listener) {
        streams = streams == null ? List.of() : streams;
        dataChannels = dataChannels == null ? List.of() : dataChannels;
        if (streams.isEmpty() && dataChannels.isEmpty()) {
            throw new IllegalArgumentException("peer " + id + ": an offer needs at least one stream");
        }
        Set<String> names = new HashSet<>();
        for (VideoStreamSource s : streams) {
            if (!names.add(s.name())) {
                throw new IllegalArgumentException("peer " + id + ": stream '" + s.name() + "' requested twice");
            }
        }
        for (String label : dataChannels) {
            if (label == null || label.isEmpty() || !names.add(label)) {
                throw new IllegalArgumentException("peer " + id + ": data-channel stream '" + label
                        + "' empty or requested twice");
            }
        }
        List<RTCRtpCodecCapability> codecs = CodecOrder.forOffer(engine.videoSendCapabilities(), settings.codec());
        this.settings = settings;
        this.core = new PeerConnectionCore(engine, id, iceServers, settings, listener);
        try {
            for (VideoStreamSource s : streams) {
                RTCRtpTransceiverInit init = new RTCRtpTransceiverInit();
                init.direction = RTCRtpTransceiverDirection.SEND_ONLY;
                init.streamIds = List.of(s.name());
                var track = s.attach();
                core.onClose(null, s::detach);
                RTCRtpTransceiver t = core.pc().addTransceiver(track, init);
                t.setCodecPreferences(codecs);
                transceivers.add(t);
                streamNames.add(s.name());
            }
            for (String label : dataChannels) {
                DepthChannelSender sender = new DepthChannelSender(id, core.createDataChannel(label));
                depthChannels.put(label, sender);
                core.onClose(sender::close, null);
            }
        } catch (RuntimeException e) {
            core.close();
            throw e;
        }
    }

    public String id() {
        return core.id;
    }

    /**
     * Creates the offer, sets it as local description and, unless trickling, waits for ICE gathering
     * so that the SDP holds every candidate. Completes on the engine's event thread.
     */
    public CompletableFuture<LocalOffer> createOffer() {
        return core.createOffer()
                .thenCompose(core::setLocal)
                .thenCompose(core::localDescriptionToSend)
                .thenApply(sdp -> new LocalOffer(sdp, mids()));
    }

    /**
     * Applies the receiver's answer, then the bitrate limits and any candidates that came early.
     * An answer of the wrong type or that is not SDP fails the future with an
     * {@link IllegalArgumentException}; one that libwebrtc refuses fails it with an IllegalStateException.
     */
    public CompletableFuture<Void> applyAnswer(SessionDescription answer) {
        return core.setRemote(answer, RTCSdpType.ANSWER).thenRun(this::applyBitrates);
    }

    /**
     * A trickled candidate from the receiver ({@code null} or empty = end of candidates).
     *
     * @return false when refused because the receiver already sent {@link PeerSettings#MAX_REMOTE_CANDIDATES}
     *         candidates or {@link PeerSettings#MAX_REMOTE_CANDIDATE_BYTES} of them: end the session
     * @throws IllegalArgumentException for a candidate with neither {@code sdp_mid} nor {@code sdp_mline_index}
     */
    public boolean addRemoteCandidate(IceCandidate candidate) {
        return core.addRemoteCandidate(candidate);
    }

    /**
     * The sender of each data-channel stream (PROTOCOL.md 8) of this session, by stream name (= label), in
     * the requested order; the channels were created before the offer.
     */
    public Map<String, DepthChannelSender> depthChannels() {
        return java.util.Collections.unmodifiableMap(depthChannels);
    }

    /** The video stream names this peer sends, in m-line order. */
    public List<String> streams() {
        return List.copyOf(streamNames);
    }

    public RTCPeerConnectionState connectionState() {
        return core.state();
    }

    /** Per-stream RTP statistics (bytes, frames, fps, codec), keyed by stream name. */
    public CompletableFuture<List<RtpStreamStats>> stats() {
        return core.stats().thenApply(r -> RtpStreamStats.of(r, mids()));
    }

    /** Encoder, send and receiver-report statistics of every sent video stream, and the ICE round-trip time. */
    public CompletableFuture<SendStats> sendStats() {
        return core.stats().thenApply(r -> SendStats.of(r, mids()));
    }

    /** Removes the tracks and closes the connection; the shared sources stay open. Idempotent. */
    @Override
    public void close() {
        core.close();
    }

    /** The current encodings of each sender, in stream order (for tests and diagnostics). */
    List<List<RTCRtpEncodingParameters>> encodings() {
        List<List<RTCRtpEncodingParameters>> out = new ArrayList<>();
        for (RTCRtpTransceiver t : transceivers) {
            RTCRtpSendParameters p = t.getSender().getParameters();
            out.add(p.encodings == null ? List.of() : p.encodings);
        }
        return out;
    }

    private List<StreamMid> mids() {
        List<StreamMid> out = new ArrayList<>();
        for (int i = 0; i < transceivers.size(); i++) {
            String mid = transceivers.get(i).getMid();
            if (mid == null) {
                throw new IllegalStateException("peer " + core.id + ": no mid before the offer is set");
            }
            out.add(new StreamMid(mid, streamNames.get(i)));
        }
        return out;
    }

    private void applyBitrates() {
        SendBitrates.apply(core.id, transceivers.stream().map(RTCRtpTransceiver::getSender).toList(), streamNames,
                settings);
    }
}
