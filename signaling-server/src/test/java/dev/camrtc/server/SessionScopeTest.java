package dev.camrtc.server;

import static dev.camrtc.server.testing.Json.msg;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.camrtc.server.testing.ServerFixture;
import dev.camrtc.server.testing.ServerFixture.Client;
import dev.camrtc.server.testing.WsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Session scope (PROTOCOL.md 3.3): {@code offer}, {@code answer}, {@code candidate} and {@code hangup} pass
 * only between a receiver and a sender it sent {@code request_offer} to on its current connection;
 * {@code control_result} only to a receiver that sent that sender a {@code control}. Everything else, and an
 * id that does not exist, gets {@code no_session} and reaches nobody.
 */
class SessionScopeTest {

    private static final String OFFER = "'offer':{'type':'offer','sdp':'v=0'}";

    private ServerFixture fx;
    private Client sender;
    private Client receiver;
    private Client bystander;

    @BeforeEach
    void start() throws Exception {
        fx = ServerFixture.start();
        sender = fx.sender("cam");
        receiver = fx.receiver();
        receiver.ws().next();
        bystander = fx.receiver();
        bystander.ws().next();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private String s(String json) {
        return msg(json.replace("$S", sender.id()).replace("$R", receiver.id()));
    }

    /** Sends {@code json}, expects {@code no_session} with {@code ref}, and that nothing reaches the others. */
    private ObjectNode noSession(WsClient from, String json, String ref) throws Exception {
        from.send(s(json));
        ObjectNode error = from.nextError("no_session");
        assertEquals(ref, error.path("ref").asText());
        sender.ws().expectNothing(200);
        receiver.ws().expectNothing(0);
        bystander.ws().expectNothing(0);
        return error;
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{'type':'offer','receiver_id':'$R'," + OFFER + "}",
        "{'type':'candidate','receiver_id':'$R','candidate':null}",
        "{'type':'hangup','receiver_id':'$R'}",
        "{'type':'control_result','receiver_id':'$R','request_id':'1','ok':true}"})
    void aSenderCannotReachAReceiverThatDidNotAskIt(String json) throws Exception {
        noSession(sender.ws(), json, WsClient.JSON.readTree(json.replace('\'', '"')).path("type").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{'type':'answer','sender_id':'$S','answer':{'type':'answer','sdp':'v=0'}}",
        "{'type':'candidate','sender_id':'$S','candidate':null}",
        "{'type':'hangup','sender_id':'$S'}"})
    void aReceiverCannotReachASenderItDidNotAsk(String json) throws Exception {
        noSession(receiver.ws(), json, WsClient.JSON.readTree(json.replace('\'', '"')).path("type").asText());
    }

    @Test
    void aSessionWithOneReceiverDoesNotOpenTheWayToAnother() throws Exception {
        bystander.ws().send(s("{'type':'request_offer','sender_id':'$S'}"));
        assertEquals(bystander.id(), sender.ws().next().path("receiver_id").asText());
        noSession(sender.ws(), "{'type':'offer','receiver_id':'$R'," + OFFER + "}", "offer");
        sender.ws().send(msg("{'type':'offer','receiver_id':'" + bystander.id() + "'," + OFFER + "}"));
        assertEquals(sender.id(), bystander.ws().next().path("sender_id").asText());
    }

    @Test
    void requestOfferOpensTheSessionBothWays() throws Exception {
        receiver.ws().send(s("{'type':'request_offer','sender_id':'$S'}"));
        assertEquals("request_offer", sender.ws().next().path("type").asText());
        sender.ws().send(s("{'type':'offer','receiver_id':'$R'," + OFFER + "}"));
        assertEquals("offer", receiver.ws().next().path("type").asText());
        receiver.ws().send(s("{'type':'answer','sender_id':'$S','answer':{'type':'answer','sdp':'v=0'}}"));
        assertEquals("answer", sender.ws().next().path("type").asText());
        receiver.ws().send(s("{'type':'hangup','sender_id':'$S'}"));
        assertEquals("hangup", sender.ws().next().path("type").asText());
        // a hangup does not end the scope: a late candidate of the session still passes, and a new offer may follow
        sender.ws().send(s("{'type':'candidate','receiver_id':'$R','candidate':null}"));
        assertEquals("candidate", receiver.ws().next().path("type").asText());
        // a session does not let the sender answer controls nobody sent
        noSession(sender.ws(), "{'type':'control_result','receiver_id':'$R','request_id':'1','ok':true}", "control_result");
    }

    @Test
    void controlOpensTheWayForControlResultsOnly() throws Exception {
        receiver.ws().send(s("{'type':'control','sender_id':'$S','request_id':'1','op':'list'}"));
        assertEquals("control", sender.ws().next().path("type").asText());
        sender.ws().send(s("{'type':'control_result','receiver_id':'$R','request_id':'1','ok':true,'value':[]}"));
        assertEquals("control_result", receiver.ws().next().path("type").asText());
        noSession(sender.ws(), "{'type':'offer','receiver_id':'$R'," + OFFER + "}", "offer");
    }

    @Test
    void anUnknownIdGetsTheSameAnswerAsALiveOneSoIdsCannotBeProbed() throws Exception {
        ObjectNode live = noSession(sender.ws(), "{'type':'hangup','receiver_id':'$R'}", "hangup");
        ObjectNode dead = noSession(sender.ws(), "{'type':'hangup','receiver_id':'r-000000'}", "hangup");
        assertEquals(live.path("message").asText().replace(receiver.id(), "ID"),
                dead.path("message").asText().replace("r-000000", "ID"));
        noSession(receiver.ws(), "{'type':'hangup','sender_id':'s-000000'}", "hangup");
    }

    @Test
    void theSessionEndsWhenTheSenderLeaves() throws Exception {
        receiver.ws().send(s("{'type':'request_offer','sender_id':'$S'}"));
        sender.ws().next();
        sender.ws().close();
        assertEquals("sender_left", receiver.ws().next().path("type").asText());
        assertEquals("sender_left", bystander.ws().next().path("type").asText());
        noSession(receiver.ws(), "{'type':'hangup','sender_id':'$S'}", "hangup");
        // a sender that comes back has a new id: the receiver asks it again, then the session works
        sender = fx.sender("cam");
        receiver.ws().next();
        bystander.ws().next();
        noSession(sender.ws(), "{'type':'offer','receiver_id':'$R'," + OFFER + "}", "offer");
        receiver.ws().send(s("{'type':'request_offer','sender_id':'$S'}"));
        sender.ws().next();
        sender.ws().send(s("{'type':'offer','receiver_id':'$R'," + OFFER + "}"));
        assertEquals(sender.id(), receiver.ws().next().path("sender_id").asText());
    }

    @Test
    void metricsCountNoSessionErrors() throws Exception {
        noSession(sender.ws(), "{'type':'hangup','receiver_id':'$R'}", "hangup");
        assertEquals(true, fx.server().metrics().scrape().contains("signaling_errors_total{code=\"no_session\"} 1.0"));
    }
}
