package dev.camrtc.sender.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.camrtc.media.frame.CameraFrame;
import dev.camrtc.protocol.ControlResult;
import dev.camrtc.sender.hub.FrameHub;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Camera control over signaling (PROTOCOL.md 3.6) with a real server and a real test-pattern sender:
 * list/get/set round trip, the set value reaching the pixels, and one clear error per bad request.
 * No media flows, so this runs outside the test network namespace too.
 */
class SenderControlTest {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static SenderFixture fixture;
    private static TestReceiver receiver;
    private static String senderId;

    @BeforeAll
    static void start() throws Exception {
        fixture = SenderFixture.start();
        receiver = fixture.receiver();
        senderId = fixture.awaitSender(receiver).senderId();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void listNamesEveryControlWithItsRange() throws Exception {
        ControlResult r = receiver.control(senderId, "list", null, null);
        assertTrue(r.ok(), String.valueOf(r.error()));
        JsonNode list = r.value();
        assertTrue(list.isArray());
        JsonNode brightness = find(list, "brightness");
        assertEquals(-64, brightness.get("min").asInt());
        assertEquals(64, brightness.get("max").asInt());
        assertEquals(1, brightness.get("step").asInt());
        assertEquals(0, brightness.get("default").asInt());
        assertTrue(brightness.has("value"));
        assertTrue(find(list, "pattern").get("max").asInt() >= 1);
    }

    @Test
    void setThenGetRoundTripAndTheFramesChange() throws Exception {
        ControlResult dark = receiver.control(senderId, "set", "brightness", JSON.numberNode(-64));
        assertTrue(dark.ok(), String.valueOf(dark.error()));
        assertEquals(-64, dark.value().asInt());
        double darkMean = meanOfNextFrame();
        ControlResult bright = receiver.control(senderId, "set", "brightness", JSON.numberNode(64));
        assertEquals(64, bright.value().asInt());
        assertEquals(64, receiver.control(senderId, "get", "brightness", null).value().asInt());
        double brightMean = meanOfNextFrame();
        assertTrue(brightMean > darkMean + 20, "brightness reaches the pixels: " + darkMean + " -> " + brightMean);
        assertEquals(0, receiver.control(senderId, "set", "brightness", JSON.numberNode(0)).value().asInt());
    }

    @Test
    void anUnknownNameIsOneClearErrorAndChangesNothing() throws Exception {
        ControlResult r = receiver.control(senderId, "set", "exposure", JSON.numberNode(8500));
        assertFalse(r.ok());
        assertNull(r.value());
        assertTrue(r.error().contains("exposure"), r.error());
        ControlResult g = receiver.control(senderId, "get", "no_such_control", null);
        assertFalse(g.ok());
        assertTrue(g.error().contains("no_such_control"), g.error());
    }

    @Test
    void badValuesAreRefusedAndChangeNothing() throws Exception {
        int before = receiver.control(senderId, "get", "pattern", null).value().asInt();
        ControlResult range = receiver.control(senderId, "set", "pattern", JSON.numberNode(1000));
        assertFalse(range.ok());
        assertTrue(range.error().contains("pattern"), range.error());
        ControlResult text = receiver.control(senderId, "set", "pattern", JSON.textNode("stripes"));
        assertFalse(text.ok());
        ControlResult missing = receiver.control(senderId, "set", "pattern", null);
        assertFalse(missing.ok());
        assertTrue(missing.error().contains("value"), missing.error());
        ControlResult noName = receiver.control(senderId, "get", null, null);
        assertFalse(noName.ok());
        assertEquals(before, receiver.control(senderId, "get", "pattern", null).value().asInt());
    }

    private static JsonNode find(JsonNode list, String name) {
        for (JsonNode n : list) {
            if (name.equals(n.path("name").asText())) {
                return n;
            }
        }
        throw new AssertionError("no control " + name + " in " + list);
    }

    /** Mean luma of the second color frame from now (the first may have been drawn before the change). */
    private static double meanOfNextFrame() throws Exception {
        FrameHub hub = fixture.sender().hub();
        CompletableFuture<CameraFrame> frame = new CompletableFuture<>();
        int[] seen = {0};
        try (FrameHub.Subscription ignored = hub.subscribe("color", f -> {
            if (++seen[0] == 2) {
                frame.complete(f.copy()); // the frame is lent for the callback only
            }
        })) {
            CameraFrame f = frame.get(5, TimeUnit.SECONDS);
            ByteBuffer px = f.pixels();
            long sum = 0;
            int band = f.stride() * (f.height() / 10); // skip the stamp band at the top
            for (int i = band; i < px.limit(); i++) {
                sum += px.get(i) & 0xff;
            }
            return (double) sum / (px.limit() - band);
        }
    }
}
