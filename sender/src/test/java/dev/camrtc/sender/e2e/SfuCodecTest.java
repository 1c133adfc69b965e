package dev.camrtc.sender.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.camrtc.media.rtc.RtpStreamStats;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --codec} with {@code --sfu} (inside scripts/netns-run.sh, a real Janus): the room is created with the
 * sender's codec, the sender publishes in it, and a receiver through Janus decodes that codec with stamps intact.
 */
@Tag("media")
class SfuCodecTest {

    private static final Duration T = Duration.ofSeconds(15);

    @ParameterizedTest
    @ValueSource(strings = {"H264", "VP9"})
    void theChosenCodecGoesThroughJanus(String codec) throws Exception {
        try (JanusSenderFixture sfu = JanusSenderFixture.start("codec", T, "--codec", codec)) {
            SenderFixture fixture = sfu.sender();
            TestReceiver r = fixture.receiver();
            String id = fixture.awaitSender(r).senderId();
            TestReceiver.Watch w = r.watch(id, List.of("color"));
            w.awaitFrames("color", 20, T);
            assertEquals(List.of(r.receiverId()), fixture.sender().signaling().relayedReceivers());
            assertEquals(0, w.report("color").outOfOrder());
            List<RtpStreamStats> stats = w.peer().stats().get(5, TimeUnit.SECONDS);
            RtpStreamStats color = stats.stream().filter(s -> s.stream().equals("color")).findFirst().orElseThrow();
            assertEquals(codec, color.codec().toUpperCase(Locale.ROOT).replace("VIDEO/", ""), stats.toString());
            r.close();
        }
    }
}
