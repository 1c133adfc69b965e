package dev.camrtc.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every record, built in Java, encodes to JSON without nulls and decodes back to an equal record. */
class MessageRoundTripTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static Stream<Message> messages() {
        StreamDescription color = new StreamDescription("color", 640, 480, 30, "bgr8")
                .withIntrinsics(new Intrinsics(615.1, 615.2, 320.5, 240.5, "inverse_brown_conrady",
                        List.of(0.1, -0.2, 0.0, 0.0, 0.01)));
        StreamDescription infrared = new StreamDescription("infrared", 640, 480, 30, "mono8");
        StreamDescription nameOnly = new StreamDescription("depth", null, null, null, null, null);
        StreamDescription depth = StreamDescription.depthDataChannel("depth_z16", 640, 480, 30, 0.001)
                .withIntrinsics(new Intrinsics(385.5, 385.5, 320.25, 239.75, "brown_conrady", null));
        ObjectNode listEntry = NODES.objectNode().put("name", "exposure").put("min", 1).put("max", 165000)
                .put("step", 1).put("default", 8500).put("value", 8500);
        return Stream.of(
                Registered.sender("s-1", List.of()),
                Registered.receiver("r-1", List.of(new IceServer(List.of("turn:198.18.0.1:3478",
                        "turns:198.18.0.1:5349"), "user", "secret"), new IceServer("stun:198.18.0.1:3478"))),
                new SenderInfo("s-1", "d435-lab", List.of(color, infrared, nameOnly, depth), "http://127.0.0.1:8000/"),
                new SenderInfo("s-2", "sender-s-2", null, null),
                new Announce("d435-lab", List.of(color, infrared), "http://127.0.0.1:8000/"),
                new Announce(null, null, ""),
                new Announce("only-name", null, null),
                new SenderLeft("s-1"),
                new ReceiverLeft("r-1"),
                new ErrorMessage(ErrorCode.RATE_LIMITED, "too many messages", null),
                new ErrorMessage(ErrorCode.UNKNOWN_RECEIVER, "no receiver r-9", "offer"),
                RequestOffer.toSender("s-1", null),
                RequestOffer.toSender("s-1", List.of("color", "infrared")),
                RequestOffer.fromReceiver("r-1", List.of("color")),
                Offer.toReceiver("r-1", SessionDescription.offer("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n"),
                        List.of(new StreamMid("0", "color"), new StreamMid("1", "infrared")), "sess-1"),
                new Offer("s-1", null, SessionDescription.offer("v=0"), null, null),
                Answer.toSender("s-1", SessionDescription.answer("v=0\r\n"), "sess-1"),
                new Answer(null, "r-1", SessionDescription.answer("v=0"), null),
                Candidate.toReceiver("r-1", new IceCandidate("candidate:1 1 udp 2122260223 198.18.0.1 50000 typ host",
                        "0", 0), "sess-1"),
                Candidate.toSender("s-1", new IceCandidate("candidate:2 1 udp 1 198.18.0.2 1 typ host", null, 1), null),
                Candidate.toSender("s-1", null, "sess-1"),
                Hangup.toSender("s-1", "sess-1"),
                Hangup.toReceiver("r-1", null),
                Hangup.toReceiver("r-1", "sess-1", Hangup.BUSY),
                Control.list("s-1", "1"),
                Control.get("s-1", "2", "gain"),
                Control.set("s-1", "3", "auto_exposure", NODES.booleanNode(false)),
                Control.set("s-1", "4", "exposure", NODES.numberNode(8500)),
                ControlResult.success("r-1", "1", NODES.arrayNode().add(listEntry)),
                ControlResult.success("r-1", "3", NODES.booleanNode(false)),
                ControlResult.success("r-1", "5", null),
                ControlResult.failure("r-1", "4", "exposure must be 1..165000"));
    }

    @ParameterizedTest
    @MethodSource("messages")
    void encodesAndDecodesBack(Message message) {
        String json = MessageCodec.encode(message);
        assertTrue(json.startsWith("{\"type\":\"" + message.type() + "\""), json);
        boolean endOfCandidates = message instanceof Candidate c && c.isEndOfCandidates();
        assertEquals(endOfCandidates, json.contains("null"), json);

        MessageCodec.Decoded decoded = MessageCodec.decode(json);
        MessageCodec.Decoded.Ok ok = assertInstanceOf(MessageCodec.Decoded.Ok.class, decoded, decoded::toString);
        assertEquals(message, ok.message());
        assertEquals(MessageCodec.toTree(message), ok.json());
    }

    @Test
    void everyTypeIsCovered() {
        Set<String> covered = messages().map(Message::type).collect(Collectors.toSet());
        assertEquals(MessageRules.TYPES.keySet(), covered);
        messages().forEach(m -> assertEquals(MessageRules.TYPES.get(m.type()), m.getClass()));
    }

    @Test
    void addressedMessagesNameTheirPeer() {
        Offer offer = Offer.toReceiver("r-1", SessionDescription.offer("v=0"), null, null);
        assertEquals("r-1", offer.peerId(Role.SENDER));
        Answer answer = Answer.toSender("s-1", SessionDescription.answer("v=0"), null);
        assertEquals("s-1", answer.peerId(Role.RECEIVER));
        assertEquals("r-7", Registered.receiver("r-7", null).clientId());
        assertEquals(List.of(), Registered.receiver("r-7", null).iceServers());
        assertFalse(MessageCodec.encode(new SenderInfo("s", "n", null, null)).contains("streams"));
    }
}
