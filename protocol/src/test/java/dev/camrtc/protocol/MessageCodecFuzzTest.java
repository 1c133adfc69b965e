package dev.camrtc.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property: for bounded random input (random text, and valid messages with fields removed, replaced or
 * added at random), decode never throws and never returns null; a Failure has a code (and a ref only when
 * the type was a string); an Ok message re-encodes to JSON that decodes to the same message.
 */
class MessageCodecFuzzTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] FIELDS = {"type", "sender_id", "receiver_id", "offer", "answer", "sdp", "streams",
        "candidate", "op", "request_id", "ok", "value", "name", "mjpeg_url", "protocol", "ice_servers", "urls",
        "mid", "sdp_mid", "sdp_mline_index", "code", "session_id", "intrinsics", "fx", "coeffs", "transport", "depth_units", "x"};
    private static final String[] TYPES = MessageRules.TYPES.keySet().toArray(String[]::new);

    private final Random random = new Random(20261121L);

    @Test
    void randomTextNeverThrows() {
        String alphabet = "{}[]\":,. -0123456789eEtrufalsn\\u00e9\u00ff\u0000typeofer_id";
        for (int i = 0; i < 1000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(60);
            for (int j = 0; j < length; j++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            check(text.toString());
        }
    }

    @Test
    void mutatedValidMessagesNeverThrow() {
        List<ObjectNode> seeds = new ArrayList<>();
        MessageRoundTripTest.messages().forEach(m -> seeds.add(MessageCodec.toTree(m)));
        int accepted = 0;
        for (int i = 0; i < 2500; i++) {
            ObjectNode json = seeds.get(random.nextInt(seeds.size())).deepCopy();
            int mutations = 1 + random.nextInt(3);
            for (int k = 0; k < mutations; k++) {
                mutate(json, 0);
            }
            if (check(json.toString())) {
                accepted++;
            }
        }
        // the mutations hit optional and unknown fields too: both outcomes must occur
        assertTrue(accepted > 125 && accepted < 2375, "accepted " + accepted);
    }

    private boolean check(String json) {
        boolean acceptedFromServer = false;
        for (Role from : new Role[] {null, Role.SENDER, Role.RECEIVER}) {
            MessageCodec.Decoded decoded;
            try {
                decoded = MessageCodec.decode(json, from);
            } catch (RuntimeException e) {
                throw new AssertionError("decode threw for " + json, e);
            }
            assertNotNull(decoded, json);
            if (decoded instanceof MessageCodec.Decoded.Failure f) {
                assertNotNull(f.code(), json);
                assertNotNull(f.message(), json);
            } else if (decoded instanceof MessageCodec.Decoded.Ok ok) {
                String again = MessageCodec.encode(ok.message());
                MessageCodec.Decoded re = MessageCodec.decode(again, from);
                MessageCodec.Decoded.Ok reOk = assertInstanceOf(MessageCodec.Decoded.Ok.class, re,
                        () -> json + " re-encoded as " + again + " -> " + re);
                assertEquals(ok.message(), reOk.message(), json);
                acceptedFromServer |= from == null;
            } else {
                fail("unexpected " + decoded);
            }
        }
        return acceptedFromServer;
    }

    private void mutate(JsonNode node, int depth) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            Iterator<String> it = object.fieldNames();
            it.forEachRemaining(names::add);
            int choice = random.nextInt(4);
            if (choice == 0 && !names.isEmpty()) {
                object.remove(names.get(random.nextInt(names.size())));
            } else if (choice == 1 && !names.isEmpty()) {
                object.set(names.get(random.nextInt(names.size())), randomValue(depth));
            } else if (choice == 2 || names.isEmpty()) {
                object.set(FIELDS[random.nextInt(FIELDS.length)], randomValue(depth));
            } else {
                mutate(object.get(names.get(random.nextInt(names.size()))), depth + 1);
            }
        } else if (node instanceof ArrayNode array) {
            if (array.isEmpty() || random.nextBoolean()) {
                array.add(randomValue(depth));
            } else {
                mutate(array.get(random.nextInt(array.size())), depth + 1);
            }
        }
    }

    private JsonNode randomValue(int depth) {
        int kind = random.nextInt(depth > 2 ? 7 : 9);
        return switch (kind) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(random.nextInt(5) - 1);
            case 3 -> NODES.numberNode(random.nextDouble() * 1e12);
            case 4 -> NODES.textNode(TYPES[random.nextInt(TYPES.length)]);
            case 5 -> NODES.textNode(random.nextBoolean() ? "list" : "");
            case 6 -> NODES.numberNode(Long.MAX_VALUE);
            case 7 -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(3); i > 0; i--) {
                    array.add(randomValue(depth + 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = NODES.objectNode();
                for (int i = random.nextInt(3); i > 0; i--) {
                    object.set(FIELDS[random.nextInt(FIELDS.length)], randomValue(depth + 1));
                }
                yield object;
            }
        };
    }
}
