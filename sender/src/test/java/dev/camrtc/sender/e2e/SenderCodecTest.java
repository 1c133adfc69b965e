package dev.camrtc.sender.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.media.rtc.RtpStreamStats;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code --codec} decides what goes over the wire (inside scripts/netns-run.sh): the offer lists the
 * chosen codec first, the receiver decodes it, and the stamps survive it.
 */
@Tag("media")
class SenderCodecTest {

    private static final Duration T = Duration.ofSeconds(10);

    @ParameterizedTest
    @ValueSource(strings = {"VP8", "VP9", "H264", "AV1"})
    void theChosenCodecIsNegotiatedAndDecoded(String codec) throws Exception {
        try (SenderFixture fixture = SenderFixture.start("--codec", codec)) {
            TestReceiver r = fixture.receiver();
            String id = fixture.awaitSender(r).senderId();
            TestReceiver.Watch w = r.watch(id, List.of("color"));
            String sdp = w.offer().offer().sdp();
            String firstPayload = sdp.lines().filter(l -> l.startsWith("m=video")).findFirst().orElseThrow()
                    .split(" ")[3];
            assertTrue(sdp.contains("a=rtpmap:" + firstPayload + " " + codec + "/90000"),
                    "offer lists " + codec + " first: payload " + firstPayload);
            w.awaitFrames("color", 20, T);
            assertEquals(0, w.report("color").outOfOrder());
            List<RtpStreamStats> stats = w.peer().stats().get(5, TimeUnit.SECONDS);
            RtpStreamStats color = stats.stream().filter(s -> s.stream().equals("color")).findFirst().orElseThrow();
            assertEquals("video/" + codec, color.codec().toUpperCase(Locale.ROOT).replace("VIDEO/", "video/"),
                    stats.toString());
        }
    }

    /**
     * Without {@code --codec} the sender's real offer puts H.264 first, as constrained baseline 42e01f with
     * packetization-mode 1 (the H.264 every browser decodes), VP8 right after the H.264 entries and their RTX
     * (what a receiver without H.264 answers with), and the receiver decodes it.
     */
    @Test
    void theDefaultIsH264ConstrainedBaselineWithVp8Next() throws Exception {
        try (SenderFixture fixture = SenderFixture.start()) {
            TestReceiver r = fixture.receiver();
            String id = fixture.awaitSender(r).senderId();
            TestReceiver.Watch w = r.watch(id, List.of("color"));
            String sdp = w.offer().offer().sdp();
            String[] mline = sdp.lines().filter(l -> l.startsWith("m=video")).findFirst().orElseThrow().split(" ");
            List<String> payloads = List.of(mline).subList(3, mline.length);
            String first = payloads.get(0);
            assertTrue(sdp.contains("a=rtpmap:" + first + " H264/90000"), "H.264 first: " + sdp);
            String fmtp = sdp.lines().filter(l -> l.startsWith("a=fmtp:" + first + " ")).findFirst().orElseThrow();
            assertTrue(fmtp.contains("profile-level-id=42e01f") && fmtp.contains("packetization-mode=1"), fmtp);
            String nextCodec = payloads.stream().map(p -> rtpmap(sdp, p)).filter(c -> !c.equals("H264") && !c.equals("rtx"))
                    .findFirst().orElseThrow();
            assertEquals("VP8", nextCodec, sdp);
            w.awaitFrames("color", 20, T);
            RtpStreamStats color = w.peer().stats().get(5, TimeUnit.SECONDS).stream()
                    .filter(s -> s.stream().equals("color")).findFirst().orElseThrow();
            assertEquals("video/h264", color.codec().toLowerCase(Locale.ROOT));
        }
    }

    private static String rtpmap(String sdp, String payload) {
        return sdp.lines().filter(l -> l.startsWith("a=rtpmap:" + payload + " ")).findFirst()
                .map(l -> l.substring(l.indexOf(' ') + 1, l.indexOf('/'))).orElse("?");
    }
}
