package dev.camrtc.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.server.ServerConfig;
import org.junit.jupiter.api.Test;

/** The wire form of a message between instances ({@link RelayFrame}): round trip, and every way it can be wrong. */
class RelayFrameTest {

    private static final String A = "1f3a2";
    private static final String SENDER = "s-" + A + "x1b7c";
    private static final String RECEIVER = "r-2c001x3d4e";
    private static final String OFFER = "{\"type\":\"offer\",\"sender_id\":\"" + SENDER
            + "\",\"offer\":{\"type\":\"offer\",\"sdp\":\"v=0\\r\\no=- 1 2 IN IP4 \\\"x\\\" é\\n\"},\"x_extra\":[1,2]}";

    @Test
    void aFrameRoundTripsWithTheTextUntouched() {
        String wire = RelayFrame.encode(A, SENDER, RECEIVER, "offer", 1_733_333_333_123_456L, OFFER);
        assertTrue(wire.startsWith("R1 " + A + " " + SENDER + " " + RECEIVER + " offer 1733333333123456\n"), wire);
        assertEquals(wire.indexOf('\n') + 1 + OFFER.length(), wire.length(), "the text is carried as is, not escaped");
        RelayFrame frame = ok(wire);
        assertEquals(new RelayFrame(A, SENDER, RECEIVER, "offer", 1_733_333_333_123_456L, OFFER), frame);
        assertTrue(!frame.toSender());
    }

    @Test
    void aReceiversMessagesAndItsDepartureRoundTrip() {
        String receiver = "r-" + A + "x9";
        String answer = "{\"type\":\"answer\",\"receiver_id\":\"" + receiver + "\",\"answer\":{}}";
        RelayFrame frame = ok(RelayFrame.encode(A, receiver, "s-5x1", "answer", 7, answer));
        assertTrue(frame.toSender());
        assertEquals(answer, frame.text());
        assertEquals("", ok(RelayFrame.encode(A, receiver, "s-5x1", "receiver_left", 7, "")).text());
    }

    @Test
    void aMaximumSizeMessagePassesAndALargerFrameIsRefused() {
        String head = "{\"type\":\"offer\",\"sender_id\":\"" + SENDER + "\",\"pad\":\"";
        String max = head + "a".repeat(ServerConfig.MAX_MESSAGE_BYTES - head.length() - 2) + "\"}";
        assertEquals(ServerConfig.MAX_MESSAGE_BYTES, max.length());
        assertEquals(max, ok(RelayFrame.encode(A, SENDER, RECEIVER, "offer", 1, max)).text());
        String huge = head + "a".repeat(ServerConfig.MAX_MESSAGE_BYTES + 1_000) + "\"}";
        assertTrue(malformed(RelayFrame.encode(A, SENDER, RECEIVER, "offer", 1, huge)).startsWith("oversize"));
    }

    @Test
    void truncatedOrMisshapenHeadersAreRefused() {
        String good = RelayFrame.encode(A, SENDER, RECEIVER, "offer", 1, OFFER);
        assertTrue(malformed(null).startsWith("not a relay frame"));
        assertTrue(malformed("").startsWith("not a relay frame"));
        assertTrue(malformed("{\"op\":\"relay\",\"from\":\"" + A + "\"}").startsWith("not a relay frame"));
        assertTrue(malformed("R1 " + A + " " + SENDER).startsWith("header not ended"), "truncated in the header");
        assertTrue(malformed(good.substring(0, good.indexOf('\n'))).startsWith("header not ended"));
        assertTrue(malformed("R1 " + "x".repeat(300) + "\n{}").startsWith("header not ended"));
        assertTrue(malformed("R1 " + A + " " + SENDER + " " + RECEIVER + " offer\n" + OFFER).startsWith("header has 5 fields"));
        assertTrue(malformed("R1 " + A + " " + SENDER + " " + RECEIVER + " offer 1 2\n" + OFFER).startsWith("header has 7 fields"));
        assertTrue(malformed("R1 " + A + "  " + SENDER + " " + RECEIVER + " offer\n" + OFFER).startsWith("bad instance or peer id"));
        assertTrue(malformed(good.replace(RECEIVER, "r-2c001x3d4e\"}")).startsWith("bad instance or peer id"));
        assertTrue(malformed(good.replace(" 1\n", " -1\n")).startsWith("bad arrival time"));
        assertTrue(malformed(good.replace(" 1\n", " 99999999999999999999\n")).startsWith("bad arrival time"));
        assertTrue(malformed(good.replace(" 1\n", " 1x\n")).startsWith("bad arrival time"));
    }

    @Test
    void theHeaderMustAgreeWithItselfAndWithTheText() {
        // a source that is not a peer of the instance named as the sender
        assertTrue(malformed(RelayFrame.encode("9", SENDER, RECEIVER, "offer", 1, OFFER)).startsWith("source"));
        // sender to sender, receiver to receiver
        assertTrue(malformed(RelayFrame.encode(A, SENDER, "s-2x1", "offer", 1, OFFER)).startsWith("source and target"));
        assertTrue(malformed(RelayFrame.encode(A, "r-" + A + "x1", "r-2x1", "answer", 1, "{}")).startsWith("source and target"));
        // types that do not cross instances, or not from this role
        assertTrue(malformed(RelayFrame.encode(A, SENDER, RECEIVER, "announce", 1, OFFER)).startsWith("type 'announce'"));
        assertTrue(malformed(RelayFrame.encode(A, SENDER, RECEIVER, "sender", 1, OFFER)).startsWith("type 'sender'"));
        assertTrue(malformed(RelayFrame.encode(A, SENDER, RECEIVER, "request_offer", 1, OFFER)).startsWith("type 'request_offer'"));
        assertTrue(malformed(RelayFrame.encode(A, SENDER, RECEIVER, "receiver_left", 1, "")).startsWith("receiver_left from a sender"));
        assertTrue(malformed(RelayFrame.encode(A, "r-" + A + "x1", SENDER, "receiver_left", 1, "{}")).startsWith("receiver_left"));
        // the text must be the header's type from the header's source
        assertTrue(malformed(RelayFrame.encode(A, SENDER, RECEIVER, "candidate", 1, OFFER)).startsWith("candidate text"));
        assertTrue(malformed(RelayFrame.encode(A, SENDER, RECEIVER, "offer", 1, OFFER.replace(SENDER, "s-" + A + "x2")))
                .startsWith("offer text"));
        assertTrue(malformed(RelayFrame.encode(A, SENDER, RECEIVER, "offer", 1, OFFER.substring(0, 100))).startsWith("offer text"),
                "a truncated text");
        assertTrue(malformed(RelayFrame.encode(A, SENDER, RECEIVER, "offer", 1, "")).startsWith("offer text"));
    }

    @Test
    void reasonsAreSafeToLog() {
        String reason = malformed("R1 " + A + " " + SENDER + " " + RECEIVER + " off\u001b[2Jer\r 1\n" + OFFER);
        assertTrue(reason.startsWith("type 'off?[2Jer?'"), reason);
        reason = malformed("R1 " + A + " " + SENDER + " " + RECEIVER + " " + "t".repeat(100) + " 1\n" + OFFER);
        assertTrue(reason.length() < 120, reason);
    }

    private static RelayFrame ok(String wire) {
        return assertInstanceOf(RelayFrame.Ok.class, RelayFrame.decode(wire)).frame();
    }

    private static String malformed(String wire) {
        return assertInstanceOf(RelayFrame.Malformed.class, RelayFrame.decode(wire), String.valueOf(wire)).reason();
    }
}
