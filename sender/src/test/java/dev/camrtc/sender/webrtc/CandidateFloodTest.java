package dev.camrtc.sender.webrtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.camrtc.media.rtc.PeerSettings;
import dev.camrtc.sender.e2e.SenderFixture;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A hostile receiver on the real signaling server requests an offer, never answers and floods
 * {@code candidate} messages: the sender keeps at most {@link PeerSettings#MAX_REMOTE_CANDIDATES}
 * candidates ({@link PeerSettings#MAX_REMOTE_CANDIDATE_BYTES} of text) for it, then closes that session
 * with {@code hangup} {@code reason: failed}, and ignores the rest of the flood.
 */
@Tag("media")
class CandidateFloodTest {

    private static final Duration T = Duration.ofSeconds(20);
    private static SenderFixture fixture;

    @BeforeAll
    static void start() {
        fixture = SenderFixture.start();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void manySmallCandidatesCloseTheSession() throws Exception {
        flood(PeerSettings.MAX_REMOTE_CANDIDATES + 50, 0);
    }

    @Test
    void largeCandidatesCloseTheSessionByBytes() throws Exception {
        // 4 KiB each: the byte cap is reached long before the count cap
        flood(PeerSettings.MAX_REMOTE_CANDIDATE_BYTES / 4096 + 40, 4096);
    }

    private void flood(int count, int padding) throws Exception {
        try (RawReceiver r = RawReceiver.connect(fixture.serverUri())) {
            String sender = r.await(m -> "sender".equals(m.path("type").asText())
                    && SenderFixture.NAME.equals(m.path("name").asText()), T).path("sender_id").asText();
            r.send("{\"type\":\"request_offer\",\"sender_id\":\"" + sender + "\"}");
            JsonNode offer = r.await("offer", sender, T);
            String session = offer.path("session_id").asText();
            fixture.awaitSessions(1, T);
            String pad = "x".repeat(padding);
            int sent = 0;
            for (int i = 0; i < count; i++) {
                r.send("{\"type\":\"candidate\",\"sender_id\":\"" + sender + "\",\"session_id\":\"" + session
                        + "\",\"candidate\":{\"candidate\":\"candidate:" + i + " 1 udp 2122260223 198.18.0.9 "
                        + (40000 + i) + " typ host generation 0" + (padding > 0 ? " ufrag " + pad : "")
                        + "\",\"sdp_mid\":\"0\",\"sdp_mline_index\":0}}");
                sent++;
                if (sent % 50 == 0) {
                    Thread.sleep(600); // stay under the server's rate limit (100/s, bursts of 200)
                }
            }
            JsonNode hangup = r.await("hangup", sender, T);
            assertEquals("failed", hangup.path("reason").asText(), hangup.toString());
            assertEquals(session, hangup.path("session_id").asText(), hangup.toString());
            fixture.awaitSessions(0, T);
            fixture.awaitUsers("color", 0, T);
            assertTrue(r.inbox().stream().noneMatch(m -> "hangup".equals(m.path("type").asText())),
                    "exactly one hangup: " + r.inbox());
            // the sender is still fine: a new request gets a new offer
            r.send("{\"type\":\"request_offer\",\"sender_id\":\"" + sender + "\"}");
            JsonNode again = r.await("offer", sender, T);
            assertTrue(!session.equals(again.path("session_id").asText()));
            r.send("{\"type\":\"hangup\",\"sender_id\":\"" + sender + "\"}");
            fixture.awaitSessions(0, T);
        }
    }
}
