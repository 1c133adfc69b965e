package dev.camrtc.sender.sfu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.camrtc.protocol.SessionDescription;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Janus client against a real Janus (Debian's package) started by the test: no WebRTC media here. */
@Timeout(60)
class JanusSessionTest {

    private static JanusProcess janus;

    @BeforeAll
    static void startJanus() throws Exception {
        janus = JanusProcess.start("client");
    }

    @AfterAll
    static void stopJanus() throws Exception {
        if (janus != null) {
            janus.close();
        }
    }

    @Test
    void createsARoomJoinsAndReadsTheEventOfTheJoinFromTheLongPoll() throws Exception {
        try (JanusSession s = JanusSession.create(janus.uri(), JanusLimits.defaults(), "test");
             JanusHandle h = s.attach(VideoRoom.PLUGIN, null)) {
            long room = VideoRoom.roomFor("client-test-cam");
            VideoRoom.ensure(h, room, "client-test-cam", "vp8");
            VideoRoom.ensure(h, room, "client-test-cam", "vp8"); // exists now: no error
            JanusEvent joined = h.message(VideoRoom.joinPublisher(room, "client-test-cam"), null).get(5, TimeUnit.SECONDS);
            assertEquals("joined", joined.data().path("videoroom").asText(), joined.raw().toString());
            assertEquals(room, joined.data().path("room").asLong());
            assertTrue(joined.data().path("id").asLong() > 0);
        }
    }

    @Test
    void aPluginErrorFailsTheRequestWithJanusCodeAndChangesNothingElse() throws Exception {
        try (JanusSession s = JanusSession.create(janus.uri(), JanusLimits.defaults(), "test");
             JanusHandle h = s.attach(VideoRoom.PLUGIN, null)) {
            // joining a room that does not exist: VideoRoom error 426 "No such room"
            CompletableFuture<JanusEvent> f = h.message(VideoRoom.joinPublisher(4242, "nobody"), null);
            ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(5, TimeUnit.SECONDS));
            assertEquals(426, ((JanusException) e.getCause()).code(), e.getCause().getMessage());
            // an SDP that is no SDP: refused, the session stays usable
            long room = VideoRoom.roomFor("client-test-bad-sdp");
            VideoRoom.ensure(h, room, "bad", "vp8");
            h.message(VideoRoom.joinPublisher(room, "bad"), null).get(5, TimeUnit.SECONDS);
            CompletableFuture<JanusEvent> bad = h.message(VideoRoom.publish(java.util.List.of()),
                    SessionDescription.offer("not sdp"));
            assertThrows(ExecutionException.class, () -> bad.get(5, TimeUnit.SECONDS));
            JsonNode exists = h.request(JanusSession.JSON.createObjectNode().put("request", "exists").put("room", room));
            assertTrue(exists.path("exists").asBoolean());
            assertTrue(!s.isLost());
        }
    }

    @Test
    void anUnreachableJanusIsOneClearError() {
        JanusLimits quick = new JanusLimits(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(1), 4,
                1 << 16, 1, 1);
        JanusException e = assertThrows(JanusException.class,
                () -> JanusSession.create(URI.create("http://127.0.0.1:1/janus"), quick, "test"));
        assertTrue(e.getMessage().contains("unreachable"), e.getMessage());
    }

    @Test
    void aSessionIsLostWhenJanusDiesAndAnotherIsCreatedWhenItReturns() throws Exception {
        JanusLimits quick = new JanusLimits(Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(1), 4,
                1 << 20, 5, 1);
        try (JanusProcess own = JanusProcess.start("restart")) {
            CountDownLatch lost = new CountDownLatch(1);
            AtomicReference<String> why = new AtomicReference<>();
            try (JanusSession s = JanusSession.create(own.uri(), quick, "test")) {
                s.onLost(w -> {
                    why.set(w);
                    lost.countDown();
                });
                own.stop();
                assertTrue(lost.await(10, TimeUnit.SECONDS), "the session is not reported lost after Janus died");
                assertTrue(s.isLost());
                assertThrows(JanusException.class, () -> s.attach(VideoRoom.PLUGIN, null));
            }
            own.start();
            try (JanusSession again = JanusSession.create(own.uri(), quick, "test")) {
                // a restarted Janus knows none of the old sessions; the new one works and stays up past keepalives
                Thread.sleep(2500);
                assertTrue(!again.isLost(), "a fresh session was lost");
                again.attach(VideoRoom.PLUGIN, null).close();
            }
        }
    }
}
