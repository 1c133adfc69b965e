package dev.camrtc.media.rtc;

import java.time.Duration;
import java.util.Objects;

/**
 * How a peer connection negotiates and sends. All defaults live in {@link #defaults()}.
 *
 * @param codec            codec put first in the offer (offering side only: an answerer follows the offer)
 * @param minBitrateBps    floor of each video encoding, set after negotiation; keeps receivers that only
 *                         send REMB (aiortc) from collapsing the sender's estimate to ~30 kbit/s; 0 = none
 * @param maxBitrateBps    cap of each video encoding; 0 = libwebrtc's default (~1.7 Mbit/s at VGA)
 * @param trickle          false: wait for ICE gathering to complete and put every candidate in the SDP
 *                         (PROTOCOL.md 3.4, what aiortc needs); true: return the SDP at once and hand
 *                         candidates to {@link PeerListener#onLocalCandidate}
 * @param gatheringTimeout longest wait for gathering to complete (non-trickle); on timeout the SDP holds
 *                         the candidates gathered so far
 */
public record PeerSettings(VideoCodec codec, int minBitrateBps, int maxBitrateBps, boolean trickle,
                           Duration gatheringTimeout) {

    /**
     * H.264, chosen from the side-by-side measurement in BENCHMARKS.md ("Default codec"): about a quarter less
     * sender CPU than VP8, glass-to-glass latency lower or equal in Chromium and about equal elsewhere, for 0.4-1 dB less
     * PSNR at equal bitrate. Offered as constrained baseline first ({@link CodecOrder}), with VP8 and the others
     * after it, so a receiver without H.264 answers with VP8.
     */
    public static final VideoCodec DEFAULT_CODEC = VideoCodec.H264;
    public static final int DEFAULT_MIN_BITRATE_BPS = 1_500_000;
    public static final int DEFAULT_MAX_BITRATE_BPS = 4_000_000;
    public static final Duration DEFAULT_GATHERING_TIMEOUT = Duration.ofSeconds(5);
    /**
     * Most remote (trickled) ICE candidates one peer accepts over its life, queued before the remote
     * description or applied after it; a browser on a busy host trickles a few dozen at most.
     */
    public static final int MAX_REMOTE_CANDIDATES = 100;
    /** Most candidate text (candidate line + mid, in chars) one peer accepts over its life. */
    public static final int MAX_REMOTE_CANDIDATE_BYTES = 64 * 1024;

    public PeerSettings {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(gatheringTimeout, "gatheringTimeout");
        if (minBitrateBps < 0 || maxBitrateBps < 0) {
            throw new IllegalArgumentException("bitrates must not be negative: min " + minBitrateBps + ", max " + maxBitrateBps);
        }
        if (maxBitrateBps > 0 && minBitrateBps > maxBitrateBps) {
            throw new IllegalArgumentException("min bitrate " + minBitrateBps + " is above max bitrate " + maxBitrateBps);
        }
        if (gatheringTimeout.isNegative() || gatheringTimeout.isZero()) {
            throw new IllegalArgumentException("gathering timeout must be positive: " + gatheringTimeout);
        }
    }

    /** H.264, 1.5 .. 4 Mbit/s per stream, non-trickle, 5 s gathering timeout. */
    public static PeerSettings defaults() {
        return new PeerSettings(DEFAULT_CODEC, DEFAULT_MIN_BITRATE_BPS, DEFAULT_MAX_BITRATE_BPS, false,
                DEFAULT_GATHERING_TIMEOUT);
    }

    public PeerSettings withCodec(VideoCodec c) {
        return new PeerSettings(c, minBitrateBps, maxBitrateBps, trickle, gatheringTimeout);
    }

    public PeerSettings withBitrates(int minBps, int maxBps) {
        return new PeerSettings(codec, minBps, maxBps, trickle, gatheringTimeout);
    }

    public PeerSettings withTrickle(boolean t) {
        return new PeerSettings(codec, minBitrateBps, maxBitrateBps, t, gatheringTimeout);
    }

    public PeerSettings withGatheringTimeout(Duration timeout) {
        return new PeerSettings(codec, minBitrateBps, maxBitrateBps, trickle, timeout);
    }
}
