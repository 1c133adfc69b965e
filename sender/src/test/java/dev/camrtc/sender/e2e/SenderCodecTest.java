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

/**
 * {@code --codec} decides what goes over the wire (inside scripts/netns-run.sh): the offer lists the
 * chosen codec first, the receiver decodes it, and the stamps survive it.
 */
@Tag("media")
class SenderCodecTest {

    private static final Duration T = Duration.ofSeconds(10);

    @ParameterizedTest
    @ValueSource(strings = {"VP9", "H264", "AV1"})
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
}
