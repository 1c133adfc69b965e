package dev.camrtc.server;

import static dev.camrtc.server.testing.Json.msg;
import static dev.camrtc.server.testing.Json.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.camrtc.server.testing.ServerFixture;
import dev.camrtc.server.testing.ServerFixture.Client;
import dev.camrtc.server.testing.WsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Relaying (PROTOCOL.md 3.3-3.6): only the addressing field changes; unknown fields, {@code session_id}
 * and nested values pass through unchanged; the directory follows {@code announce} (3.2, 4).
 */
class RelayRulesTest {

    private ServerFixture fx;
    private Client sender;
    private Client receiver;

    @BeforeEach
    void start() throws Exception {
        fx = ServerFixture.start();
        sender = fx.sender("cam");
        receiver = fx.receiver();
        receiver.ws().next();
        // the session every relayed message below belongs to (PROTOCOL.md 3.3)
        receiver.ws().send(msg("{'type':'request_offer','sender_id':'" + sender.id() + "'}"));
        sender.ws().next();
        receiver.ws().send(msg("{'type':'control','sender_id':'" + sender.id() + "','request_id':'0','op':'list'}"));
        sender.ws().next();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private String s(String json) {
        return msg(json.replace("$S", sender.id()).replace("$R", receiver.id()));
    }

    private void relayed(WsClient from, WsClient to, String sent, String expected) throws Exception {
        from.send(s(sent));
        assertEquals(obj(s(expected)), to.next());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "offer|'offer':{'type':'offer','sdp':'v=0','x_sdp_note':[1,{'a':null}]},'streams':[{'mid':'0','name':'color','x':1}]",
        "candidate|'candidate':{'candidate':'candidate:1 1 udp 1 127.0.0.1 9 typ host','sdp_mid':'0','sdp_mline_index':0,'usernameFragment':'u'}",
        "candidate|'candidate':null",
        "hangup|'reason':'user closed the tab'",
        "control_result|'request_id':'7','ok':false,'error':'out of range','value':null,'detail':{'min':1}"})
    void senderMessagesKeepEveryOtherFieldUnchanged(String spec) throws Exception {
        String[] parts = spec.split("\\|", 2);
        String fields = parts[1] + ",'session_id':'sess-9','x_future':{'deep':[true,null,1.5e3]},'empty':null";
        relayed(sender.ws(), receiver.ws(), "{'type':'" + parts[0] + "','receiver_id':'$R'," + fields + "}",
                "{'type':'" + parts[0] + "','sender_id':'$S'," + fields + "}");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "answer|'answer':{'type':'answer','sdp':'v=0','extra':1}",
        "candidate|'candidate':{'candidate':'candidate:2','sdp_mid':'1','sdp_mline_index':1}",
        "hangup|'x':[]",
        "control|'request_id':'7','op':'set','name':'exposure','value':8500,'x_unit':'us'",
        "request_offer|'x_prefer':'h264'"})
    void receiverMessagesKeepEveryOtherFieldUnchanged(String spec) throws Exception {
        String[] parts = spec.split("\\|", 2);
        String fields = parts[1] + ",'session_id':'sess-9','x_future':{'deep':[true,null]}";
        relayed(receiver.ws(), sender.ws(), "{'type':'" + parts[0] + "','sender_id':'$S'," + fields + "}",
                "{'type':'" + parts[0] + "','receiver_id':'$R'," + fields + "}");
    }

    @Test
    void aPeerCannotSpoofItsOwnId() throws Exception {
        relayed(receiver.ws(), sender.ws(), "{'type':'hangup','sender_id':'$S','receiver_id':'r-forged'}",
                "{'type':'hangup','receiver_id':'$R'}");
        relayed(sender.ws(), receiver.ws(), "{'type':'hangup','receiver_id':'$R','sender_id':'s-forged'}",
                "{'type':'hangup','sender_id':'$S'}");
    }

    @Test
    void requestOfferStreamsAreCheckedAgainstTheAnnouncementAndPassedOn() throws Exception {
        receiver.ws().send(s("{'type':'request_offer','sender_id':'$S','streams':['color']}"));
        assertEquals("request_offer", receiver.ws().nextError("bad_message").path("ref").asText());
        sender.ws().send(msg("{'type':'announce','streams':[{'name':'color'},{'name':'infrared'}]}"));
        receiver.ws().next();
        relayed(receiver.ws(), sender.ws(), "{'type':'request_offer','sender_id':'$S','streams':['infrared','color']}",
                "{'type':'request_offer','receiver_id':'$R','streams':['infrared','color']}");
    }

    @Test
    void controlRoundTrip() throws Exception {
        relayed(receiver.ws(), sender.ws(), "{'type':'control','sender_id':'$S','request_id':'1','op':'list'}",
                "{'type':'control','receiver_id':'$R','request_id':'1','op':'list'}");
        String list = "'value':[{'name':'exposure','min':1,'max':165000,'step':1,'default':8500,'value':8500}]";
        relayed(sender.ws(), receiver.ws(), "{'type':'control_result','receiver_id':'$R','request_id':'1','ok':true," + list + "}",
                "{'type':'control_result','sender_id':'$S','request_id':'1','ok':true," + list + "}");
    }

    @Test
    void announceReplacesGivenFieldsKeepsOthersAndEmptyUrlRemovesIt() throws Exception {
        String streams = "[{'name':'color','width':640,'height':480,'fps':30,'encoding':'bgr8',"
                + "'intrinsics':{'fx':615.5,'fy':615.25,'ppx':320.0,'ppy':240.5,'model':'brown_conrady','coeffs':[0.0,0.0,0.0,0.0,0.0]}}]";
        sender.ws().send(msg("{'type':'announce','streams':" + streams + ",'mjpeg_url':'http://127.0.0.1:8000/'}"));
        ObjectNode full = obj("{'type':'sender','sender_id':'" + sender.id() + "','name':'cam','streams':" + streams
                + ",'mjpeg_url':'http://127.0.0.1:8000/'}");
        assertEquals(full, receiver.ws().next());
        sender.ws().send(msg("{'type':'announce','name':'cam-2'}"));
        full.put("name", "cam-2");
        assertEquals(full, receiver.ws().next());
        sender.ws().send(msg("{'type':'announce','mjpeg_url':''}"));
        full.remove("mjpeg_url");
        assertEquals(full, receiver.ws().next());
        full.remove("type");
        assertEquals("[" + full + "]", WsClient.JSON.readTree(get("/api/senders").body()).toString());
        // a late receiver sees the merged entry
        Client late = fx.receiver();
        full.put("type", "sender");
        assertEquals(full, late.ws().next());
    }

    @Test
    void apiSendersListsConnectedSendersOnly() throws Exception {
        HttpResponse<String> before = get("/api/senders");
        assertEquals(200, before.statusCode());
        assertEquals("application/json", before.headers().firstValue("content-type").orElse("").split(";")[0]);
        assertEquals(WsClient.JSON.readTree("[{\"sender_id\":\"" + sender.id() + "\",\"name\":\"cam\"}]"),
                WsClient.JSON.readTree(before.body()));
        sender.ws().close();
        assertEquals("sender_left", receiver.ws().next().path("type").asText());
        assertEquals("[]", get("/api/senders").body());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(fx.server().httpUri() + path.substring(1)))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
