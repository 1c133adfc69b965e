package dev.camrtc.server;

import static dev.camrtc.server.testing.Json.msg;
import static dev.camrtc.server.testing.Json.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.camrtc.server.testing.ServerFixture;
import dev.camrtc.server.testing.ServerFixture.Client;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The example session of PROTOCOL.md 6, both orders of joining, many peers, and every way a peer leaves. */
class SignalingFlowTest {

    static final String STREAMS = "[{'name':'color','width':640,'height':480,'fps':30,'encoding':'bgr8'},"
            + "{'name':'infrared','width':640,'height':480,'fps':30,'encoding':'mono8'}]";

    private ServerFixture fx;

    @BeforeEach
    void start() {
        fx = ServerFixture.start();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void exampleSessionSenderFirst() throws Exception {
        Client sender = fx.sender("d435-lab");
        assertEquals(obj("{'type':'registered','sender_id':'" + sender.id() + "','protocol':1,'ice_servers':[],'permissions':['publish','view','control']}"),
                sender.registered());
        sender.ws().send(msg("{'type':'announce','name':'d435-lab','streams':" + STREAMS
                + ",'mjpeg_url':'http://127.0.0.1:8000/'}"));
        Thread.sleep(100); // the announce is handled before the receiver connects
        Client receiver = fx.receiver();
        assertEquals(obj("{'type':'registered','receiver_id':'" + receiver.id() + "','protocol':1,'ice_servers':[],'permissions':['publish','view','control']}"),
                receiver.registered());
        assertEquals(obj("{'type':'sender','sender_id':'" + sender.id() + "','name':'d435-lab','streams':" + STREAMS
                + ",'mjpeg_url':'http://127.0.0.1:8000/'}"), receiver.ws().next());
        offerAnswer(sender, receiver);
        fx.server().close();
    }

    @Test
    void exampleSessionReceiverFirst() throws Exception {
        Client receiver = fx.receiver();
        receiver.ws().expectNothing(100);
        Client sender = fx.sender("d435-lab");
        assertEquals(obj("{'type':'sender','sender_id':'" + sender.id() + "','name':'d435-lab'}"), receiver.ws().next());
        sender.ws().send(msg("{'type':'announce','streams':" + STREAMS + ",'mjpeg_url':'http://127.0.0.1:8000/'}"));
        assertEquals(obj("{'type':'sender','sender_id':'" + sender.id() + "','name':'d435-lab','streams':" + STREAMS
                + ",'mjpeg_url':'http://127.0.0.1:8000/'}"), receiver.ws().next());
        offerAnswer(sender, receiver);
    }

    /** Steps 1-6 of PROTOCOL.md 3.3 and a trickled candidate each way, then hangup. */
    private void offerAnswer(Client sender, Client receiver) throws Exception {
        String s = sender.id();
        String r = receiver.id();
        receiver.ws().send(msg("{'type':'request_offer','sender_id':'" + s + "'}"));
        assertEquals(obj("{'type':'request_offer','receiver_id':'" + r + "'}"), sender.ws().next());
        String streams = "[{'mid':'0','name':'color'},{'mid':'1','name':'infrared'}]";
        sender.ws().send(msg("{'type':'offer','receiver_id':'" + r + "','offer':{'type':'offer','sdp':'v=0 o'},"
                + "'streams':" + streams + "}"));
        assertEquals(obj("{'type':'offer','sender_id':'" + s + "','offer':{'type':'offer','sdp':'v=0 o'},"
                + "'streams':" + streams + "}"), receiver.ws().next());
        receiver.ws().send(msg("{'type':'answer','sender_id':'" + s + "','answer':{'type':'answer','sdp':'v=0 a'}}"));
        assertEquals(obj("{'type':'answer','receiver_id':'" + r + "','answer':{'type':'answer','sdp':'v=0 a'}}"),
                sender.ws().next());
        sender.ws().send(msg("{'type':'candidate','receiver_id':'" + r + "','candidate':{'candidate':'candidate:1 1 udp 1 "
                + "127.0.0.1 5000 typ host','sdp_mid':'0','sdp_mline_index':0}}"));
        assertEquals(obj("{'type':'candidate','sender_id':'" + s + "','candidate':{'candidate':'candidate:1 1 udp 1 "
                + "127.0.0.1 5000 typ host','sdp_mid':'0','sdp_mline_index':0}}"), receiver.ws().next());
        receiver.ws().send(msg("{'type':'candidate','sender_id':'" + s + "','candidate':null}"));
        assertEquals(obj("{'type':'candidate','receiver_id':'" + r + "','candidate':null}"), sender.ws().next());
        receiver.ws().send(msg("{'type':'hangup','sender_id':'" + s + "'}"));
        assertEquals(obj("{'type':'hangup','receiver_id':'" + r + "'}"), sender.ws().next());
        sender.ws().send(msg("{'type':'hangup','receiver_id':'" + r + "'}"));
        assertEquals(obj("{'type':'hangup','sender_id':'" + s + "'}"), receiver.ws().next());
    }

    @Test
    void idsAreUniqueAcrossRolesAndDefaultNameUsesTheId() throws Exception {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            Client sender = fx.sender(null);
            assertTrue(sender.id().startsWith("s-"), sender.id());
            assertTrue(ids.add(sender.id()));
            Client receiver = fx.receiver();
            assertTrue(ids.add(receiver.id()));
            ObjectNode entry = null;
            for (int k = 0; k <= i; k++) {
                entry = receiver.ws().next();
            }
            assertEquals("sender-" + sender.id(), entry.path("name").asText());
        }
    }

    @Test
    void severalSendersAndReceiversAtOnce() throws Exception {
        List<Client> senders = List.of(fx.sender("a"), fx.sender("b"), fx.sender("c"));
        List<Client> receivers = List.of(fx.receiver(), fx.receiver(), fx.receiver());
        for (Client receiver : receivers) {
            for (Client sender : senders) {
                assertEquals(sender.id(), receiver.ws().next().path("sender_id").asText());
            }
        }
        // every receiver asks every sender; each sender sees every receiver's request, each offer reaches its receiver
        for (Client receiver : receivers) {
            for (Client sender : senders) {
                receiver.ws().send(msg("{'type':'request_offer','sender_id':'" + sender.id() + "'}"));
            }
        }
        for (Client sender : senders) {
            Set<String> askers = new HashSet<>();
            for (int i = 0; i < receivers.size(); i++) {
                askers.add(sender.ws().next().path("receiver_id").asText());
            }
            assertEquals(Set.of(receivers.get(0).id(), receivers.get(1).id(), receivers.get(2).id()), askers);
            for (Client receiver : receivers) {
                sender.ws().send(msg("{'type':'offer','receiver_id':'" + receiver.id() + "','session_id':'"
                        + sender.id() + receiver.id() + "','offer':{'type':'offer','sdp':'x'}}"));
            }
        }
        for (Client receiver : receivers) {
            Set<String> from = new HashSet<>();
            for (int i = 0; i < senders.size(); i++) {
                ObjectNode offer = receiver.ws().next();
                assertEquals(offer.path("sender_id").asText() + receiver.id(), offer.path("session_id").asText());
                from.add(offer.path("sender_id").asText());
            }
            assertEquals(3, from.size());
        }
    }

    @Test
    void senderLeavingCleanlyOrAbruptlyIsAnnounced() throws Exception {
        Client receiver = fx.receiver();
        Client clean = fx.sender("clean");
        Client abrupt = fx.sender("abrupt");
        receiver.ws().next();
        receiver.ws().next();
        clean.ws().close();
        assertEquals(obj("{'type':'sender_left','sender_id':'" + clean.id() + "'}"), receiver.ws().next());
        abrupt.ws().abort();
        assertEquals(obj("{'type':'sender_left','sender_id':'" + abrupt.id() + "'}"), receiver.ws().next());
        receiver.ws().send(msg("{'type':'request_offer','sender_id':'" + clean.id() + "'}"));
        receiver.ws().nextError("unknown_sender");
    }

    @Test
    void receiverLeavingTellsOnlyTheSendersItAsked() throws Exception {
        Client asked1 = fx.sender("asked1");
        Client asked2 = fx.sender("asked2");
        Client other = fx.sender("other");
        for (boolean abrupt : new boolean[] {false, true}) {
            Client receiver = fx.receiver();
            for (int i = 0; i < 3; i++) {
                receiver.ws().next();
            }
            for (Client s : List.of(asked1, asked2)) {
                receiver.ws().send(msg("{'type':'request_offer','sender_id':'" + s.id() + "'}"));
                assertEquals(receiver.id(), s.ws().next().path("receiver_id").asText());
            }
            // a hung-up session still counts (PROTOCOL.md 3.5)
            receiver.ws().send(msg("{'type':'hangup','sender_id':'" + asked1.id() + "'}"));
            asked1.ws().next();
            if (abrupt) {
                receiver.ws().abort();
            } else {
                receiver.ws().close();
            }
            for (Client s : List.of(asked1, asked2)) {
                assertEquals(obj("{'type':'receiver_left','receiver_id':'" + receiver.id() + "'}"), s.ws().next());
            }
            other.ws().expectNothing(200);
        }
    }

    @Test
    void secondRequestOfferForTheSamePairIsRelayedAgain() throws Exception {
        Client sender = fx.sender("s");
        Client receiver = fx.receiver();
        receiver.ws().next();
        for (int i = 0; i < 2; i++) {
            receiver.ws().send(msg("{'type':'request_offer','sender_id':'" + sender.id() + "'}"));
            assertEquals(receiver.id(), sender.ws().next().path("receiver_id").asText());
        }
        receiver.ws().close();
        assertEquals("receiver_left", sender.ws().next().path("type").asText());
        sender.ws().expectNothing(200);
    }

    @Test
    void everyStateIsFreedAfterAllLeave() throws Exception {
        Client sender = fx.sender("s");
        Client receiver = fx.receiver();
        receiver.ws().next();
        receiver.ws().send(msg("{'type':'request_offer','sender_id':'" + sender.id() + "'}"));
        sender.ws().next();
        assertNotEquals(0, fx.server().heldEntries());
        sender.ws().abort();
        receiver.ws().close();
        fx.awaitNoState();
        assertFalse(fx.server().metrics().scrape().isEmpty());
    }
}
