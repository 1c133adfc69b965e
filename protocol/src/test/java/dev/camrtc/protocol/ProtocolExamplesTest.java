package dev.camrtc.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every JSON example of PROTOCOL.md, copied verbatim (placeholders {@code [...]} / {@code {...}} replaced by
 * concrete values), decodes (as a client, and as the server from the role that sends it) and encodes back
 * to the same JSON tree.
 */
class ProtocolExamplesTest {

    private static final ObjectMapper PLAIN = new ObjectMapper();
    private static final String STREAMS = "[{\"name\":\"color\",\"width\":640,\"height\":480,\"fps\":30,"
            + "\"encoding\":\"bgr8\"},{\"name\":\"infrared\",\"width\":640,\"height\":480,\"fps\":30,"
            + "\"encoding\":\"mono8\"}]";
    /** The stream of PROTOCOL.md 8, verbatim. */
    static final String DEPTH_Z16 = "{\"name\":\"depth_z16\",\"width\":640,\"height\":480,\"fps\":30,"
            + "\"encoding\":\"16UC1\",\"transport\":\"datachannel\",\"depth_units\":0.001}";
    private static final String MIDS = "[{\"mid\":\"0\",\"name\":\"color\"},{\"mid\":\"1\",\"name\":\"infrared\"}]";

    static Stream<Arguments> examples() {
        return Stream.of(
                // 3.1
                server("{\"type\":\"registered\",\"sender_id\":\"s-3f9a1c\",\"protocol\":1,\"ice_servers\":[]}"),
                server("{\"type\":\"registered\",\"receiver_id\":\"r-81b2d0\",\"protocol\":1,\"ice_servers\":[]}"),
                server("{\"type\":\"registered\",\"receiver_id\":\"r-81b2d0\",\"protocol\":1,\"ice_servers\":["
                        + "{\"urls\":[\"turn:turn.example.org:3478\"],\"username\":\"...\",\"credential\":\"...\"}]}"),
                // 3.2
                server("""
                        {"type":"sender","sender_id":"s-3f9a1c","name":"d435-lab",
                         "streams":[{"name":"color","width":640,"height":480,"fps":30,"encoding":"bgr8"},
                                    {"name":"infrared","width":640,"height":480,"fps":30,"encoding":"mono8"}],
                         "mjpeg_url":"http://10.0.0.5:8000/"}"""),
                server("{\"type\":\"sender\",\"sender_id\":\"s-3f9a1c\",\"name\":\"d435-lab\",\"streams\":[{\"name\":"
                        + "\"color\",\"width\":640,\"height\":480,\"fps\":30,\"encoding\":\"bgr8\",\"intrinsics\":{"
                        + "\"fx\":615.5,\"fy\":615.75,\"ppx\":320.25,\"ppy\":240.5,\"model\":\"inverse_brown_conrady\","
                        + "\"coeffs\":[0.0,0.0,0.0,0.0,0.0]}}]}"),
                from(Role.SENDER, "{\"type\":\"announce\",\"name\":\"d435-lab\",\"streams\":" + STREAMS
                        + ",\"mjpeg_url\":\"http://10.0.0.5:8000/\"}"),
                server("{\"type\":\"sender_left\",\"sender_id\":\"s-3f9a1c\"}"),
                // 3.3
                from(Role.RECEIVER, "{\"type\":\"request_offer\",\"sender_id\":\"s-3f9a1c\"}"),
                from(Role.RECEIVER, "{\"type\":\"request_offer\",\"sender_id\":\"s-3f9a1c\",\"streams\":[\"color\"]}"),
                server("{\"type\":\"request_offer\",\"receiver_id\":\"r-81b2d0\"}"),
                from(Role.SENDER, "{\"type\":\"offer\",\"receiver_id\":\"r-81b2d0\",\"offer\":{\"type\":\"offer\","
                        + "\"sdp\":\"v=0...\"},\"streams\":[{\"mid\":\"0\",\"name\":\"color\"},{\"mid\":\"1\","
                        + "\"name\":\"infrared\"}]}"),
                server("{\"type\":\"offer\",\"sender_id\":\"s-3f9a1c\",\"offer\":{\"type\":\"offer\",\"sdp\":\"v=0...\"},"
                        + "\"streams\":" + MIDS + "}"),
                from(Role.RECEIVER, "{\"type\":\"answer\",\"sender_id\":\"s-3f9a1c\",\"answer\":{\"type\":\"answer\","
                        + "\"sdp\":\"v=0...\"}}"),
                server("{\"type\":\"answer\",\"receiver_id\":\"r-81b2d0\",\"answer\":{\"type\":\"answer\","
                        + "\"sdp\":\"v=0...\"}}"),
                from(Role.SENDER, "{\"type\":\"hangup\",\"receiver_id\":\"r-81b2d0\",\"session_id\":\"ss-1\","
                        + "\"reason\":\"answer_timeout\"}"),
                server("{\"type\":\"hangup\",\"sender_id\":\"s-3f9a1c\",\"reason\":\"busy\"}"),
                // 3.4
                from(Role.SENDER, "{\"type\":\"candidate\",\"receiver_id\":\"r-81b2d0\",\"candidate\":{\"candidate\":"
                        + "\"candidate:1 1 udp ...\",\"sdp_mid\":\"0\",\"sdp_mline_index\":0}}"),
                from(Role.RECEIVER, "{\"type\":\"candidate\",\"sender_id\":\"s-3f9a1c\",\"candidate\":null}"),
                // 3.5
                from(Role.RECEIVER, "{\"type\":\"hangup\",\"sender_id\":\"...\"}"),
                from(Role.SENDER, "{\"type\":\"hangup\",\"receiver_id\":\"...\"}"),
                server("{\"type\":\"receiver_left\",\"receiver_id\":\"r-81b2d0\"}"),
                // 3.6
                from(Role.RECEIVER, "{\"type\":\"control\",\"sender_id\":\"s-3f9a1c\",\"request_id\":\"7\",\"op\":\"set\","
                        + "\"name\":\"exposure\",\"value\":8500}"),
                from(Role.SENDER, "{\"type\":\"control_result\",\"receiver_id\":\"r-81b2d0\",\"request_id\":\"7\","
                        + "\"ok\":true,\"value\":8500}"),
                // 3.7
                server("{\"type\":\"error\",\"code\":\"unknown_sender\",\"message\":\"no sender s-000000\","
                        + "\"ref\":\"request_offer\"}"),
                // 8
                from(Role.SENDER, "{\"type\":\"announce\",\"streams\":[" + DEPTH_Z16 + "]}"),
                server("{\"type\":\"sender\",\"sender_id\":\"s-3f9a1c\",\"name\":\"d435-lab\",\"streams\":["
                        + STREAMS.substring(1, STREAMS.length() - 1) + "," + DEPTH_Z16 + "]}"),
                from(Role.RECEIVER, "{\"type\":\"request_offer\",\"sender_id\":\"s-3f9a1c\",\"streams\":[\"color\","
                        + "\"depth_z16\"]}"),
                // 6
                server("{\"type\":\"registered\",\"sender_id\":\"s-1\",\"protocol\":1,\"ice_servers\":[]}"),
                from(Role.SENDER, "{\"type\":\"announce\",\"name\":\"d435-lab\",\"streams\":" + STREAMS
                        + ",\"mjpeg_url\":\"http://127.0.0.1:8000/\"}"),
                server("{\"type\":\"registered\",\"receiver_id\":\"r-1\",\"protocol\":1,\"ice_servers\":[]}"),
                server("{\"type\":\"sender\",\"sender_id\":\"s-1\",\"name\":\"d435-lab\",\"streams\":" + STREAMS
                        + ",\"mjpeg_url\":\"...\"}"),
                from(Role.RECEIVER, "{\"type\":\"request_offer\",\"sender_id\":\"s-1\"}"),
                server("{\"type\":\"request_offer\",\"receiver_id\":\"r-1\"}"),
                from(Role.SENDER, "{\"type\":\"offer\",\"receiver_id\":\"r-1\",\"offer\":{\"type\":\"offer\",\"sdp\":\"...\"},"
                        + "\"streams\":" + MIDS + "}"),
                server("{\"type\":\"offer\",\"sender_id\":\"s-1\",\"offer\":{\"type\":\"offer\",\"sdp\":\"...\"},"
                        + "\"streams\":" + MIDS + "}"),
                from(Role.RECEIVER, "{\"type\":\"answer\",\"sender_id\":\"s-1\",\"answer\":{\"type\":\"answer\",\"sdp\":\"...\"}}"),
                server("{\"type\":\"answer\",\"receiver_id\":\"r-1\",\"answer\":{\"type\":\"answer\",\"sdp\":\"...\"}}"));
    }

    private static Arguments server(String json) {
        return Arguments.of(json, null);
    }

    private static Arguments from(Role role, String json) {
        return Arguments.of(json, role);
    }

    @ParameterizedTest
    @MethodSource("examples")
    void exampleDecodesAndEncodesToTheSameJson(String json, Role from) throws Exception {
        JsonNode expected = PLAIN.readTree(json);

        MessageCodec.Decoded asClient = MessageCodec.decode(json);
        MessageCodec.Decoded.Ok ok = assertInstanceOf(MessageCodec.Decoded.Ok.class, asClient, asClient::toString);
        assertEquals(expected.get("type").asText(), ok.message().type());
        assertEquals(expected, ok.json());
        assertEquals(expected, MessageCodec.toTree(ok.message()));
        assertEquals(expected, PLAIN.readTree(MessageCodec.encode(ok.message())));

        if (from != null) {
            MessageCodec.Decoded asServer = MessageCodec.decode(json, from);
            MessageCodec.Decoded.Ok serverOk =
                    assertInstanceOf(MessageCodec.Decoded.Ok.class, asServer, asServer::toString);
            assertEquals(ok.message(), serverOk.message());
            MessageCodec.Decoded otherRole = MessageCodec.decode(json, from.peer());
            boolean both = MessageRules.mayBeSentBy(ok.message().type(), from.peer());
            if (!both) {
                MessageCodec.Decoded.Failure refused =
                        assertInstanceOf(MessageCodec.Decoded.Failure.class, otherRole, otherRole::toString);
                assertEquals(ErrorCode.NOT_ALLOWED, refused.code());
            }
        } else if (MessageRules.isServerOnly(ok.message().type())) {
            for (Role role : Role.values()) {
                MessageCodec.Decoded refused = MessageCodec.decode(json, role);
                assertEquals(new MessageCodec.Decoded.Failure(ErrorCode.NOT_ALLOWED,
                        "a " + role.name().toLowerCase() + " may not send '" + ok.message().type() + "'",
                        ok.message().type()), refused);
            }
        }
    }
}
