package dev.camrtc.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad input of every class gets its PROTOCOL.md 3.7 code and a message naming the field. */
class MessageCodecTest {

    private static final ObjectMapper PLAIN = new ObjectMapper();

    /** A valid message of each client-sent type, with every field its table row requires. */
    private static final Map<String, String> VALID_FROM_CLIENT = Map.of(
            "request_offer", "{\"type\":\"request_offer\",\"sender_id\":\"s-1\"}",
            "offer", "{\"type\":\"offer\",\"receiver_id\":\"r-1\",\"offer\":{\"type\":\"offer\",\"sdp\":\"v=0\"}}",
            "answer", "{\"type\":\"answer\",\"sender_id\":\"s-1\",\"answer\":{\"type\":\"answer\",\"sdp\":\"v=0\"}}",
            "candidate", "{\"type\":\"candidate\",\"sender_id\":\"s-1\",\"candidate\":{\"candidate\":\"c\"}}",
            "hangup", "{\"type\":\"hangup\",\"receiver_id\":\"r-1\"}",
            "control", "{\"type\":\"control\",\"sender_id\":\"s-1\",\"request_id\":\"7\",\"op\":\"list\"}",
            "control_result", "{\"type\":\"control_result\",\"receiver_id\":\"r-1\",\"request_id\":\"7\",\"ok\":false}");

    private static Role senderOf(String type) {
        return MessageRules.mayBeSentBy(type, Role.SENDER) && !type.equals("candidate") ? Role.SENDER : Role.RECEIVER;
    }

    private static MessageCodec.Decoded.Failure failure(String json, Role from) {
        MessageCodec.Decoded decoded = MessageCodec.decode(json, from);
        return assertInstanceOf(MessageCodec.Decoded.Failure.class, decoded, () -> json + " -> " + decoded);
    }

    private static MessageCodec.Decoded.Ok ok(String json, Role from) {
        MessageCodec.Decoded decoded = MessageCodec.decode(json, from);
        return assertInstanceOf(MessageCodec.Decoded.Ok.class, decoded, () -> json + " -> " + decoded);
    }

    @Test
    void validTemplatesAreAccepted() {
        VALID_FROM_CLIENT.forEach((type, json) -> ok(json, senderOf(type)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "nope", "{", "{\"type\":\"hangup\",}", "{\"type\":\"hangup\",\"sender_id\":\"s\"} x",
            "{\"type\":\"hangup\",\"sender_id\":\"s\",\"sender_id\":\"t\"}", "\u0000"})
    void notJsonIsBadMessageWithoutRef(String json) {
        assertEquals(new MessageCodec.Decoded.Failure(ErrorCode.BAD_MESSAGE, "message is not valid JSON", null),
                failure(json, Role.RECEIVER));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[{\"type\":\"hangup\"}]", "42", "\"hangup\"", "null", "true", "   "})
    void notAnObjectIsBadMessage(String json) {
        MessageCodec.Decoded.Failure f = failure(json, Role.SENDER);
        assertEquals(ErrorCode.BAD_MESSAGE, f.code());
        assertNull(f.ref());
    }

    @Test
    void nullTextIsBadMessage() {
        assertEquals(ErrorCode.BAD_MESSAGE, failure(null, null).code());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{}|missing field 'type'",
            "{\"type\":null}|missing field 'type'",
            "{\"type\":5}|field 'type' must be a string",
            "{\"type\":[\"offer\"]}|field 'type' must be a string",
            "{\"type\":{\"type\":\"offer\"}}|field 'type' must be a string"})
    void missingOrNonStringTypeIsBadMessageWithoutRef(String json, String message) {
        assertEquals(new MessageCodec.Decoded.Failure(ErrorCode.BAD_MESSAGE, message, null), failure(json, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bogus", "Offer", "", "OFFER", "offer "})
    void unknownTypeRefsThatType(String type) {
        ObjectNode json = PLAIN.createObjectNode().put("type", type).put("sender_id", "s-1");
        MessageCodec.Decoded.Failure f = failure(json.toString(), Role.RECEIVER);
        assertEquals(ErrorCode.UNKNOWN_TYPE, f.code());
        assertEquals(type, f.ref());
        assertTrue(f.message().contains("'" + type + "'"), f.message());
    }

    @Test
    void eachRoleMayOnlySendItsTypes() {
        assertEquals(ErrorCode.NOT_ALLOWED, failure(VALID_FROM_CLIENT.get("offer"), Role.RECEIVER).code());
        assertEquals(ErrorCode.NOT_ALLOWED, failure(VALID_FROM_CLIENT.get("request_offer"), Role.SENDER).code());
        assertEquals(ErrorCode.NOT_ALLOWED, failure(VALID_FROM_CLIENT.get("control"), Role.SENDER).code());
        assertEquals(ErrorCode.NOT_ALLOWED, failure(VALID_FROM_CLIENT.get("control_result"), Role.RECEIVER).code());
        assertEquals(ErrorCode.NOT_ALLOWED, failure(VALID_FROM_CLIENT.get("answer"), Role.SENDER).code());
        assertEquals(ErrorCode.NOT_ALLOWED, failure("{\"type\":\"announce\"}", Role.RECEIVER).code());
        // not_allowed is decided before the fields: a malformed server-only type is still not_allowed
        MessageCodec.Decoded.Failure f = failure("{\"type\":\"registered\",\"protocol\":\"x\"}", Role.SENDER);
        assertEquals(ErrorCode.NOT_ALLOWED, f.code());
        assertEquals("registered", f.ref());
    }

    @Test
    void eachRequiredFieldMissingOrWrongTypedIsBadMessageNamingIt() throws Exception {
        Map<String, List<String>> required = Map.of(
                "request_offer", List.of("sender_id"),
                "offer", List.of("receiver_id", "offer"),
                "answer", List.of("sender_id", "answer"),
                "candidate", List.of("sender_id"),
                "hangup", List.of("receiver_id"),
                "control", List.of("sender_id", "request_id", "op"),
                "control_result", List.of("receiver_id", "request_id", "ok"));
        for (var entry : required.entrySet()) {
            String type = entry.getKey();
            ObjectNode valid = (ObjectNode) PLAIN.readTree(VALID_FROM_CLIENT.get(type));
            for (String field : entry.getValue()) {
                ObjectNode missing = valid.deepCopy();
                missing.remove(field);
                assertEquals(new MessageCodec.Decoded.Failure(ErrorCode.BAD_MESSAGE,
                        "missing field '" + field + "'", type), failure(missing.toString(), senderOf(type)));

                ObjectNode wrong = valid.deepCopy();
                JsonNode bad = valid.get(field).isTextual() ? IntNode.valueOf(7) : TextNode.valueOf("7");
                wrong.set(field, bad);
                MessageCodec.Decoded.Failure f = failure(wrong.toString(), senderOf(type));
                assertEquals(ErrorCode.BAD_MESSAGE, f.code(), wrong::toString);
                assertEquals(type, f.ref());
                assertTrue(f.message().startsWith("field '" + field + "' must be"), f.message());
            }
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "RECEIVER|{\"type\":\"request_offer\",\"sender_id\":\"s\",\"streams\":[]}|field 'streams' must not be empty (omit it for all streams)",
            "RECEIVER|{\"type\":\"request_offer\",\"sender_id\":\"s\",\"streams\":\"color\"}|field 'streams' must be an array",
            "RECEIVER|{\"type\":\"request_offer\",\"sender_id\":\"s\",\"streams\":[\"color\",1]}|field 'streams[1]' must be a string",
            "RECEIVER|{\"type\":\"request_offer\",\"receiver_id\":\"r\"}|missing field 'sender_id'",
            "RECEIVER|{\"type\":\"request_offer\",\"sender_id\":\"s\",\"receiver_id\":5}|field 'receiver_id' must be a string",
            "SENDER|{\"type\":\"offer\",\"receiver_id\":\"r\",\"offer\":\"v=0\"}|field 'offer' must be an object",
            "SENDER|{\"type\":\"offer\",\"receiver_id\":\"r\",\"offer\":{\"sdp\":\"v=0\"}}|missing field 'offer.type'",
            "SENDER|{\"type\":\"offer\",\"receiver_id\":\"r\",\"offer\":{\"type\":\"offer\"}}|missing field 'offer.sdp'",
            "SENDER|{\"type\":\"offer\",\"receiver_id\":\"r\",\"offer\":{\"type\":\"offer\",\"sdp\":1}}|field 'offer.sdp' must be a string",
            "SENDER|{\"type\":\"offer\",\"receiver_id\":\"r\",\"offer\":{\"type\":\"offer\",\"sdp\":\"\"},\"streams\":[{\"mid\":0,\"name\":\"c\"}]}|field 'streams[0].mid' must be a string",
            "SENDER|{\"type\":\"offer\",\"receiver_id\":\"r\",\"offer\":{\"type\":\"offer\",\"sdp\":\"\"},\"streams\":[{\"mid\":\"0\"}]}|missing field 'streams[0].name'",
            "SENDER|{\"type\":\"offer\",\"receiver_id\":\"r\",\"offer\":{\"type\":\"offer\",\"sdp\":\"\"},\"session_id\":3}|field 'session_id' must be a string",
            "RECEIVER|{\"type\":\"answer\",\"sender_id\":\"s\",\"answer\":{\"type\":7,\"sdp\":\"v=0\"}}|field 'answer.type' must be a string",
            "RECEIVER|{\"type\":\"answer\",\"sender_id\":\"s\"}|missing field 'answer'",
            "RECEIVER|{\"type\":\"candidate\",\"sender_id\":\"s\"}|missing field 'candidate' (null means end of candidates)",
            "RECEIVER|{\"type\":\"candidate\",\"sender_id\":\"s\",\"candidate\":\"candidate:1 1 udp\"}|field 'candidate' must be an object or null",
            "RECEIVER|{\"type\":\"candidate\",\"sender_id\":\"s\",\"candidate\":{\"candidate\":\"c\",\"sdp_mline_index\":\"0\"}}|field 'candidate.sdp_mline_index' must be an integer",
            "SENDER|{\"type\":\"candidate\",\"receiver_id\":\"r\",\"candidate\":{\"candidate\":\"c\",\"sdp_mid\":0}}|field 'candidate.sdp_mid' must be a string",
            "SENDER|{\"type\":\"candidate\",\"sender_id\":\"s\",\"candidate\":null}|missing field 'receiver_id'",
            "SENDER|{\"type\":\"hangup\",\"sender_id\":\"s\"}|missing field 'receiver_id'",
            "SENDER|{\"type\":\"hangup\",\"receiver_id\":\"r\",\"reason\":7}|field 'reason' must be a string",
            "RECEIVER|{\"type\":\"control\",\"sender_id\":\"s\",\"request_id\":\"1\",\"op\":\"delete\"}|field 'op' must be list, get or set, not 'delete'",
            "RECEIVER|{\"type\":\"control\",\"sender_id\":\"s\",\"request_id\":\"1\",\"op\":\"SET\"}|field 'op' must be list, get or set, not 'SET'",
            "RECEIVER|{\"type\":\"control\",\"sender_id\":\"s\",\"request_id\":1,\"op\":\"get\"}|field 'request_id' must be a string",
            "RECEIVER|{\"type\":\"control\",\"sender_id\":\"s\",\"request_id\":\"1\",\"op\":\"get\",\"name\":5}|field 'name' must be a string",
            "SENDER|{\"type\":\"control_result\",\"receiver_id\":\"r\",\"request_id\":\"1\",\"ok\":\"true\"}|field 'ok' must be a boolean",
            "SENDER|{\"type\":\"control_result\",\"receiver_id\":\"r\",\"request_id\":\"1\",\"ok\":1}|field 'ok' must be a boolean",
            "SENDER|{\"type\":\"control_result\",\"receiver_id\":\"r\",\"request_id\":\"1\",\"ok\":false,\"error\":{}}|field 'error' must be a string",
            "SENDER|{\"type\":\"announce\",\"name\":5}|field 'name' must be a string",
            "SENDER|{\"type\":\"announce\",\"mjpeg_url\":[]}|field 'mjpeg_url' must be a string",
            "SENDER|{\"type\":\"announce\",\"streams\":{\"name\":\"color\"}}|field 'streams' must be an array",
            "SENDER|{\"type\":\"announce\",\"streams\":[\"color\"]}|field 'streams[0]' must be an object",
            "SENDER|{\"type\":\"announce\",\"streams\":[{\"name\":\"color\"},{\"width\":640}]}|missing field 'streams[1].name'",
            "SENDER|{\"type\":\"announce\",\"streams\":[{\"name\":true}]}|field 'streams[0].name' must be a string",
            "SENDER|{\"type\":\"announce\",\"streams\":[{\"name\":\"c\",\"fps\":29.97}]}|field 'streams[0].fps' must be an integer",
            "SENDER|{\"type\":\"announce\",\"streams\":[{\"name\":\"c\",\"width\":\"640\"}]}|field 'streams[0].width' must be an integer",
            "SENDER|{\"type\":\"announce\",\"streams\":[{\"name\":\"c\",\"height\":4294967296}]}|field 'streams[0].height' must be an integer",
            "SENDER|{\"type\":\"announce\",\"streams\":[{\"name\":\"c\",\"encoding\":1}]}|field 'streams[0].encoding' must be a string",
            "SENDER|{\"type\":\"announce\",\"streams\":[{\"name\":\"d\",\"transport\":1}]}|field 'streams[0].transport' must be a string",
            "SENDER|{\"type\":\"announce\",\"streams\":[{\"name\":\"d\",\"depth_units\":\"0.001\"}]}|field 'streams[0].depth_units' must be a positive number (metres per unit)",
            "SENDER|{\"type\":\"announce\",\"streams\":[{\"name\":\"d\",\"depth_units\":0}]}|field 'streams[0].depth_units' must be a positive number (metres per unit)",
            "SENDER|{\"type\":\"announce\",\"streams\":[{\"name\":\"d\",\"depth_units\":-0.001}]}|field 'streams[0].depth_units' must be a positive number (metres per unit)",
            "SENDER|{\"type\":\"announce\",\"streams\":[{\"name\":\"d\",\"depth_units\":1e999}]}|field 'streams[0].depth_units' must be a positive number (metres per unit)",
            "SENDER|{\"type\":\"announce\",\"streams\":[{\"name\":\"c\",\"intrinsics\":[]}]}|field 'streams[0].intrinsics' must be an object",
            "SENDER|{\"type\":\"announce\",\"streams\":[{\"name\":\"c\",\"intrinsics\":{\"fx\":1,\"fy\":1,\"ppx\":1}}]}|missing field 'streams[0].intrinsics.ppy'",
            "SENDER|{\"type\":\"announce\",\"streams\":[{\"name\":\"c\",\"intrinsics\":{\"fx\":1,\"fy\":1,\"ppx\":1,\"ppy\":1,\"coeffs\":[0,\"a\"]}}]}|field 'streams[0].intrinsics.coeffs[1]' must be a number"})
    void badFieldValuesAreBadMessageNamingTheField(Role from, String json, String message) {
        String type = json.substring(9, json.indexOf('"', 9));
        assertEquals(new MessageCodec.Decoded.Failure(ErrorCode.BAD_MESSAGE, message, type), failure(json, from));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"type\":\"registered\",\"protocol\":1,\"ice_servers\":[]}|missing field 'sender_id' or 'receiver_id'",
            "{\"type\":\"registered\",\"sender_id\":\"s\",\"ice_servers\":[]}|missing field 'protocol'",
            "{\"type\":\"registered\",\"sender_id\":\"s\",\"protocol\":1}|missing field 'ice_servers'",
            "{\"type\":\"registered\",\"sender_id\":\"s\",\"protocol\":1,\"ice_servers\":[{\"urls\":5}]}|field 'ice_servers[0].urls' must be a string or an array of strings",
            "{\"type\":\"registered\",\"sender_id\":\"s\",\"protocol\":1,\"ice_servers\":[{}]}|missing field 'ice_servers[0].urls'",
            "{\"type\":\"sender\",\"name\":\"x\"}|missing field 'sender_id'",
            "{\"type\":\"sender_left\"}|missing field 'sender_id'",
            "{\"type\":\"receiver_left\",\"receiver_id\":1}|field 'receiver_id' must be a string",
            "{\"type\":\"error\",\"code\":\"oops\"}|field 'code' has unknown value 'oops'",
            "{\"type\":\"error\",\"message\":\"m\"}|missing field 'code'",
            "{\"type\":\"offer\",\"offer\":{\"type\":\"offer\",\"sdp\":\"\"}}|missing field 'sender_id' or 'receiver_id'"})
    void badServerMessagesAreBadMessageForClients(String json, String message) {
        String type = json.substring(9, json.indexOf('"', 9));
        assertEquals(new MessageCodec.Decoded.Failure(ErrorCode.BAD_MESSAGE, message, type), failure(json, null));
    }

    @Test
    void unknownExtraFieldsAreIgnoredAndKeptInTheRawTree() throws Exception {
        String json = "{\"type\":\"offer\",\"receiver_id\":\"r-1\",\"offer\":{\"type\":\"offer\",\"sdp\":\"v=0\","
                + "\"x_ext\":1},\"streams\":[{\"mid\":\"0\",\"name\":\"color\",\"rid\":\"h\"}],\"x_priority\":"
                + "{\"level\":[1,2]},\"session_id\":\"a\"}";
        MessageCodec.Decoded.Ok ok = ok(json, Role.SENDER);
        assertEquals(Offer.toReceiver("r-1", SessionDescription.offer("v=0"), List.of(new StreamMid("0", "color")),
                "a"), ok.message());
        assertEquals(PLAIN.readTree(json), ok.json());
        assertFalse(MessageCodec.encode(ok.message()).contains("x_"));
        assertEquals(PLAIN.readTree(json), PLAIN.readTree(MessageCodec.encode(ok.json())));
    }

    @Test
    void nullOptionalFieldsCountAsAbsent() {
        MessageCodec.Decoded.Ok ok = ok("{\"type\":\"control\",\"sender_id\":\"s\",\"receiver_id\":null,"
                + "\"request_id\":\"1\",\"op\":\"get\",\"name\":null,\"value\":null}", Role.RECEIVER);
        assertEquals(new Control("s", null, "1", "get", null, null), ok.message());
        assertEquals("{\"type\":\"control\",\"sender_id\":\"s\",\"request_id\":\"1\",\"op\":\"get\"}",
                MessageCodec.encode(ok.message()));
    }

    @Test
    void requiredFieldThatIsNullIsMissing() {
        assertEquals("missing field 'sender_id'",
                failure("{\"type\":\"request_offer\",\"sender_id\":null}", Role.RECEIVER).message());
    }

    @Test
    void singleStringIceServerUrlsBecomeAList() {
        MessageCodec.Decoded.Ok ok = ok("{\"type\":\"registered\",\"sender_id\":\"s\",\"protocol\":1,"
                + "\"ice_servers\":[{\"urls\":\"stun:198.18.0.1:3478\"}]}", null);
        assertEquals(Registered.sender("s", List.of(new IceServer("stun:198.18.0.1:3478"))), ok.message());
    }

    @Test
    void deepNestingIsBadMessage() {
        String deep = "{\"type\":\"hangup\",\"sender_id\":\"s\",\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        assertEquals(ErrorCode.BAD_MESSAGE, failure(deep, Role.RECEIVER).code());
    }

    @Test
    void longUnknownValuesAreCutInTheMessage() {
        String op = "x".repeat(1000);
        String message = failure("{\"type\":\"control\",\"sender_id\":\"s\",\"request_id\":\"1\",\"op\":\"" + op
                + "\"}", Role.RECEIVER).message();
        assertTrue(message.length() < 120, message);
    }

    @Test
    void failureBecomesTheErrorMessageToSend() {
        MessageCodec.Decoded.Failure f = failure("{\"type\":\"hangup\"}", Role.SENDER);
        assertEquals("{\"type\":\"error\",\"code\":\"bad_message\",\"message\":\"missing field 'receiver_id'\","
                + "\"ref\":\"hangup\"}", MessageCodec.encode(ErrorMessage.of(f)));
        assertEquals("{\"type\":\"error\",\"code\":\"bad_message\",\"message\":\"message is not valid JSON\"}",
                MessageCodec.encode(ErrorMessage.of(failure("{", Role.SENDER))));
    }

    @Test
    void toJsonWritesValuesInProtocolStyle() {
        record ControlInfo(String name, Integer min, Integer maxValue, Integer step) {
        }
        assertEquals("[{\"name\":\"gain\",\"min\":16,\"max_value\":248}]",
                MessageCodec.toJson(List.of(new ControlInfo("gain", 16, 248, null))).toString());
    }
}
