package dev.camrtc.server;

import static dev.camrtc.server.testing.Json.msg;
import static dev.camrtc.server.testing.Json.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.camrtc.server.testing.ServerFixture;
import dev.camrtc.server.testing.ServerFixture.Client;
import dev.camrtc.server.testing.WsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every error code of PROTOCOL.md 3.7 with its {@code ref}, the required-fields table, and the rule that
 * a bad message changes nothing: the connection stays, the addressed peer hears nothing, other sessions go on.
 */
class ErrorCodesTest {

    private static ServerFixture fx;
    private Client sender;
    private Client receiver;

    @BeforeAll
    static void startServer() {
        fx = ServerFixture.start();
    }

    @AfterAll
    static void stopServer() {
        fx.close();
    }

    @BeforeEach
    void connect() throws Exception {
        receiver = fx.receiver();
        sender = fx.sender("cam");
        assertEquals("sender", receiver.ws().next().path("type").asText());
        sender.ws().send(msg("{'type':'announce','streams':[{'name':'color'},{'name':'infrared'}]}"));
        assertEquals(2, receiver.ws().next().path("streams").size());
    }

    @AfterEach
    void disconnect() throws Exception {
        fx.closeClients();
        fx.awaitNoState();
    }

    private String s(String json) {
        return msg(json.replace("$S", sender.id()).replace("$R", receiver.id()));
    }

    /** Sends {@code json} from {@code from}, expects exactly one error, and nothing reaching the other side. */
    private ObjectNode refused(WsClient from, WsClient other, String json, String code) throws Exception {
        from.send(s(json));
        ObjectNode error = from.nextError(code);
        assertFalse(error.path("message").asText().isEmpty(), "error without a message: " + error);
        from.expectNothing(50);
        other.expectNothing(50);
        return error;
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello", "[1,2]", "42", "\"text\"", "null", "{\"type\":5}", "{}", "{\"type\":null}",
        "{\"type\":\"offer\"", "{\"type\":\"hangup\",\"sender_id\":\"x\"} trailing"})
    void notJsonOrNoStringTypeIsBadMessageWithoutRef(String text) throws Exception {
        receiver.ws().send(text);
        ObjectNode error = receiver.ws().nextError("bad_message");
        assertFalse(error.has("ref"), "ref must be absent when there is no string type: " + error);
        sender.ws().expectNothing(50);
    }

    @Test
    void unknownTypeNamesItInRef() throws Exception {
        ObjectNode error = refused(receiver.ws(), sender.ws(), "{'type':'subscribe_v2','sender_id':'$S'}", "unknown_type");
        assertEquals("subscribe_v2", error.path("ref").asText());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "receiver|{'type':'offer','receiver_id':'$R','offer':{'type':'offer','sdp':'x'}}|offer",
        "receiver|{'type':'control_result','receiver_id':'$R','request_id':'1','ok':true}|control_result",
        "receiver|{'type':'announce','name':'x'}|announce",
        "sender|{'type':'request_offer','sender_id':'$S'}|request_offer",
        "sender|{'type':'answer','sender_id':'$S','answer':{'type':'answer','sdp':'x'}}|answer",
        "sender|{'type':'control','sender_id':'$S','request_id':'1','op':'list'}|control",
        "sender|{'type':'registered','sender_id':'$S','protocol':1,'ice_servers':[]}|registered",
        "receiver|{'type':'registered','receiver_id':'$R','protocol':1,'ice_servers':[]}|registered",
        "receiver|{'type':'sender','sender_id':'$S','name':'x'}|sender",
        "sender|{'type':'sender_left','sender_id':'$S'}|sender_left",
        "receiver|{'type':'receiver_left','receiver_id':'$R'}|receiver_left",
        "sender|{'type':'error','code':'bad_message','message':'x'}|error"})
    void typesARoleMayNotSendAreNotAllowed(String role, String json, String type) throws Exception {
        boolean fromSender = role.equals("sender");
        ObjectNode error = refused(fromSender ? sender.ws() : receiver.ws(), fromSender ? receiver.ws() : sender.ws(),
                json, "not_allowed");
        assertEquals(type, error.path("ref").asText());
    }

    @Test
    void unknownSenderAndUnknownReceiverIsNoSession() throws Exception {
        assertEquals(obj("{'type':'error','code':'unknown_sender','message':'no sender s-000000','ref':'request_offer'}"),
                refused(receiver.ws(), sender.ws(), "{'type':'request_offer','sender_id':'s-000000'}", "unknown_sender"));
        // a receiver's id is not a sender's
        refused(receiver.ws(), sender.ws(), "{'type':'control','sender_id':'$R','request_id':'1','op':'list'}",
                "unknown_sender");
        assertEquals("offer", refused(sender.ws(), receiver.ws(),
                "{'type':'offer','receiver_id':'r-000000','offer':{'type':'offer','sdp':'x'}}", "no_session")
                .path("ref").asText());
        refused(sender.ws(), receiver.ws(), "{'type':'hangup','receiver_id':'$S'}", "no_session");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "sender|{'type':'announce','name':5}",
        "sender|{'type':'announce','name':'has space'}",
        "sender|{'type':'announce','streams':{}}",
        "sender|{'type':'announce','streams':[{'width':640}]}",
        "sender|{'type':'announce','streams':['color']}",
        "sender|{'type':'announce','mjpeg_url':7}",
        "receiver|{'type':'request_offer'}",
        "receiver|{'type':'request_offer','sender_id':5}",
        "receiver|{'type':'request_offer','sender_id':'$S','streams':[]}",
        "receiver|{'type':'request_offer','sender_id':'$S','streams':['depth']}",
        "receiver|{'type':'request_offer','sender_id':'$S','streams':'color'}",
        "sender|{'type':'offer','offer':{'type':'offer','sdp':'x'}}",
        "sender|{'type':'offer','receiver_id':'$R'}",
        "sender|{'type':'offer','receiver_id':'$R','offer':{'type':'offer'}}",
        "sender|{'type':'offer','receiver_id':'$R','offer':'v=0'}",
        "receiver|{'type':'answer','answer':{'type':'answer','sdp':'x'}}",
        "receiver|{'type':'answer','sender_id':'$S'}",
        "receiver|{'type':'answer','sender_id':'$S','answer':{'type':1,'sdp':'x'}}",
        "sender|{'type':'candidate','receiver_id':'$R'}",
        "sender|{'type':'candidate','candidate':null}",
        "receiver|{'type':'candidate','sender_id':'$S','candidate':'candidate:1'}",
        "sender|{'type':'hangup'}",
        "receiver|{'type':'hangup','sender_id':['$S']}",
        "receiver|{'type':'control','sender_id':'$S','op':'list'}",
        "receiver|{'type':'control','sender_id':'$S','request_id':7,'op':'list'}",
        "receiver|{'type':'control','sender_id':'$S','request_id':'7','op':'reset'}",
        "receiver|{'type':'control','sender_id':'$S','request_id':'7'}",
        "sender|{'type':'control_result','receiver_id':'$R','request_id':'7'}",
        "sender|{'type':'control_result','receiver_id':'$R','request_id':'7','ok':'yes'}",
        "sender|{'type':'control_result','ok':true,'request_id':'7'}"})
    void requiredFieldsTable(String role, String json) throws Exception {
        boolean fromSender = role.equals("sender");
        ObjectNode error = refused(fromSender ? sender.ws() : receiver.ws(), fromSender ? receiver.ws() : sender.ws(),
                json, "bad_message");
        assertEquals(obj(s(json)).path("type").asText(), error.path("ref").asText(), error.toString());
    }

    @Test
    void aBadMessageLeavesTheConnectionAndOtherSessionsIntact() throws Exception {
        Client other = fx.receiver();
        other.ws().next();
        other.ws().send(s("{'type':'request_offer','sender_id':'$S'}"));
        assertEquals(other.id(), sender.ws().next().path("receiver_id").asText());
        receiver.ws().send("{not json");
        receiver.ws().nextError("bad_message");
        receiver.ws().send(s("{'type':'offer','receiver_id':'x'}"));
        receiver.ws().nextError("not_allowed");
        // the other receiver's session goes on, and the bad one can still work
        sender.ws().send(msg("{'type':'offer','receiver_id':'" + other.id() + "','offer':{'type':'offer','sdp':'x'}}"));
        assertEquals("offer", other.ws().next().path("type").asText());
        receiver.ws().send(s("{'type':'request_offer','sender_id':'$S'}"));
        assertEquals(receiver.id(), sender.ws().next().path("receiver_id").asText());
        assertEquals(3, fx.server().openConnections());
    }
}
