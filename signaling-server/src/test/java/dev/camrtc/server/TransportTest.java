package dev.camrtc.server;

import static dev.camrtc.server.testing.Json.msg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.camrtc.server.testing.RawWebSocket;
import dev.camrtc.server.testing.ServerFixture;
import dev.camrtc.server.testing.ServerFixture.Client;
import dev.camrtc.server.testing.WsClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PROTOCOL.md 1 at the frame level: binary frames, invalid UTF-8, the size limit, no compression. */
class TransportTest {

    private ServerFixture fx;

    @BeforeEach
    void start() {
        fx = ServerFixture.start();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private RawWebSocket rawReceiver() throws Exception {
        RawWebSocket raw = RawWebSocket.open(fx.port(), "/ws/receiver");
        assertEquals(101, raw.status());
        RawWebSocket.Frame registered = raw.readText(5_000);
        assertNotNull(registered);
        assertTrue(registered.text().contains("\"registered\""), registered.text());
        return raw;
    }

    /** A {@code hangup} to an unknown sender padded with 2-byte characters to exactly {@code bytes} bytes of UTF-8. */
    static byte[] paddedHangup(int bytes) {
        String head = "{\"type\":\"hangup\",\"sender_id\":\"s-0\",\"pad\":\"";
        String tail = "\"}";
        int room = bytes - head.length() - tail.length();
        String pad = "\u00e9".repeat(room / 2) + "x".repeat(room % 2);
        byte[] out = (head + pad + tail).getBytes(StandardCharsets.UTF_8);
        assertEquals(bytes, out.length);
        return out;
    }

    @Test
    void binaryFramesGetBadMessageAndTheConnectionStays() throws Exception {
        Client receiver = fx.receiver();
        receiver.ws().sendBinary(new byte[] {1, 2, 3});
        JsonNode error = receiver.ws().nextError("bad_message");
        assertFalse(error.has("ref"));
        receiver.ws().send(msg("{'type':'hangup','sender_id':'s-0'}"));
        receiver.ws().nextError("no_session");
    }

    @Test
    void invalidUtf8ClosesWith1007() throws Exception {
        try (RawWebSocket raw = rawReceiver()) {
            raw.send(RawWebSocket.TEXT, new byte[] {'{', '"', (byte) 0xc3, (byte) 0x28, '"', '}'}, true);
            assertEquals(1007, raw.awaitClose(5_000));
        }
        fx.awaitNoState();
    }

    @Test
    void exactlyTheLimitIsAcceptedOneByteMoreClosesWith1009() throws Exception {
        try (RawWebSocket raw = rawReceiver()) {
            raw.send(RawWebSocket.TEXT, paddedHangup(ServerConfig.MAX_MESSAGE_BYTES), true);
            RawWebSocket.Frame reply = raw.readText(5_000);
            assertNotNull(reply, "no reply to a message of exactly the limit");
            assertTrue(reply.text().contains("no_session"), reply.text());
            raw.sendRefused(RawWebSocket.TEXT, paddedHangup(ServerConfig.MAX_MESSAGE_BYTES + 1), true);
            assertEquals(1009, raw.awaitClose(5_000));
        }
        fx.awaitNoState();
    }

    @Test
    void theLimitAppliesToFragmentedMessagesToo() throws Exception {
        try (RawWebSocket raw = rawReceiver()) {
            byte[] ok = paddedHangup(200_000);
            raw.send(RawWebSocket.TEXT, java.util.Arrays.copyOfRange(ok, 0, 100_000), false);
            raw.send(0, java.util.Arrays.copyOfRange(ok, 100_000, ok.length), true);
            RawWebSocket.Frame reply = raw.readText(5_000);
            assertNotNull(reply);
            assertTrue(reply.text().contains("no_session"), reply.text());
            // The second fragment is far larger than the socket buffers, so the server refuses the message
            // while this side is still writing it, every time (it used to be a 150 KB fragment that raced).
            byte[] big = paddedHangup(8_000_000);
            raw.send(RawWebSocket.TEXT, java.util.Arrays.copyOfRange(big, 0, 150_000), false);
            raw.sendRefused(0, java.util.Arrays.copyOfRange(big, 150_000, big.length), true);
            assertEquals(1009, raw.awaitClose(5_000));
        }
        fx.awaitNoState();
    }

    @Test
    void aSingleFrameFarOverTheLimitIsRefusedWhileTheClientIsStillWriting() throws Exception {
        try (RawWebSocket raw = rawReceiver()) {
            raw.sendRefused(RawWebSocket.TEXT, paddedHangup(8_000_000), true);
            assertEquals(1009, raw.awaitClose(5_000));
        }
        fx.awaitNoState();
    }

    @Test
    void compressionIsNotNegotiated() throws Exception {
        try (RawWebSocket raw = RawWebSocket.open(fx.port(), "/ws/sender",
                Map.of("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits"))) {
            assertEquals(101, raw.status());
            assertNull(raw.header("Sec-WebSocket-Extensions"), "the server negotiated an extension");
        }
    }

    @Test
    void unknownPathsAreNotUpgraded() throws Exception {
        try (RawWebSocket raw = RawWebSocket.open(fx.port(), "/ws/observer")) {
            assertEquals(404, raw.status());
        }
    }

    @Test
    void largeMessagesAreRelayedWhole() throws Exception {
        Client receiver = fx.receiver();
        Client sender = fx.sender("big");
        receiver.ws().next();
        receiver.ws().send(msg("{'type':'request_offer','sender_id':'" + sender.id() + "'}"));
        sender.ws().next();
        String sdp = "v=0\\r\\n" + "a=candidate:1 1 udp 2122260223 127.0.0.1 9 typ host\\r\\n".repeat(3_000);
        sender.ws().send("{\"type\":\"offer\",\"receiver_id\":\"" + receiver.id()
                + "\",\"offer\":{\"type\":\"offer\",\"sdp\":\"" + sdp + "\"}}");
        JsonNode offer = receiver.ws().next();
        assertEquals(sdp.replace("\\r\\n", "\r\n"), offer.path("offer").path("sdp").asText());
    }

    @Test
    void aReceiverThatDoesNotReadGetsACloseFrame1008AfterItsBoundedQueue() throws Exception {
        fx.close();
        int limit = 300_000;
        fx = ServerFixture.start(b -> b.rateLimit(100_000, 100_000).maxQueuedBytes(limit));
        Client sender = fx.sender("flood");
        try (RawWebSocket stuck = RawWebSocket.open(fx.port(), "/ws/receiver")) {
            String receiverId = WsClient.JSON.readTree(stuck.readText(5_000).text()).path("receiver_id").asText();
            stuck.sendText(msg("{'type':'request_offer','sender_id':'" + sender.id() + "'}"));
            sender.ws().next();
            String offer = "{\"type\":\"offer\",\"receiver_id\":\"" + receiverId
                    + "\",\"offer\":{\"type\":\"offer\",\"sdp\":\"" + "x".repeat(100_000) + "\"}}";
            String overflow = "signaling_connections_closed_total{reason=\"queue_overflow\"} 1.0";
            long deadline = System.currentTimeMillis() + 30_000;
            int sent = 0;
            while (!fx.server().metrics().scrape().contains(overflow)) {
                assertTrue(System.currentTimeMillis() < deadline, "not closed after " + sent + " unread messages");
                sender.ws().send(offer);
                sent++;
            }
            // the stuck receiver reads now: what was queued (bounded), then a real close frame
            long textBytes = 0;
            int code = -1;
            for (RawWebSocket.Frame f = stuck.read(5_000); f != null; f = stuck.read(5_000)) {
                if (f.opcode() == RawWebSocket.CLOSE) {
                    code = f.closeCode();
                    break;
                }
                textBytes += f.payload().length;
            }
            assertEquals(1008, code, "after " + textBytes + " bytes of messages");
            // what reached the reader: at most the server's queue plus what the kernel buffers on both ends hold
            long kernel = lastField("/proc/sys/net/ipv4/tcp_wmem") + lastField("/proc/sys/net/ipv4/tcp_rmem");
            assertTrue(textBytes <= limit + kernel, textBytes + " bytes for a peer limited to " + limit
                    + " (+" + kernel + " of socket buffers)");
            assertTrue(textBytes < (long) sent * offer.length(), "nothing was dropped");
            JsonNode left = sender.ws().next();
            while (!left.path("type").asText().equals("receiver_left")) { // no_session for offers sent meanwhile
                assertEquals("no_session", left.path("code").asText(), left.toString());
                left = sender.ws().next();
            }
            assertEquals(receiverId, left.path("receiver_id").asText());
        }
        assertFalse(sender.ws().isClosed());
    }

    /** The largest buffer size of a tcp_wmem / tcp_rmem line ("min default max"). */
    private static long lastField(String procFile) throws java.io.IOException {
        String line;
        try (java.io.BufferedReader in = java.nio.file.Files.newBufferedReader(java.nio.file.Path.of(procFile))) {
            line = in.readLine(); // not Files.readString: /proc files report size 0
        }
        String[] fields = line.trim().split("\\s+");
        return Long.parseLong(fields[fields.length - 1]);
    }

    @Test
    void aPeerThatNeverReadsIsDroppedAfterTheCloseGrace() throws Exception {
        fx.close();
        fx = ServerFixture.start(b -> b.rateLimit(100_000, 100_000).maxQueuedBytes(300_000));
        Client sender = fx.sender("flood");
        try (RawWebSocket stuck = RawWebSocket.open(fx.port(), "/ws/receiver")) {
            String receiverId = WsClient.JSON.readTree(stuck.readText(5_000).text()).path("receiver_id").asText();
            stuck.sendText(msg("{'type':'request_offer','sender_id':'" + sender.id() + "'}"));
            sender.ws().next();
            String offer = "{\"type\":\"offer\",\"receiver_id\":\"" + receiverId
                    + "\",\"offer\":{\"type\":\"offer\",\"sdp\":\"" + "x".repeat(10_000) + "\"}}";
            long deadline = System.currentTimeMillis() + 60_000;
            while (fx.server().openConnections() == 2) {
                assertTrue(System.currentTimeMillis() < deadline, "a peer that never reads is still connected");
                sender.ws().send(offer);
                Thread.sleep(10);
            }
            assertEquals(1, fx.server().openConnections());
        }
    }

    @Test
    void shutdownSendsEveryPeerACloseFrame() throws Exception {
        Client sender = fx.sender("s");
        WsClient receiver = fx.receiver().ws();
        fx.server().close();
        assertEquals(1001, sender.ws().awaitClose(Duration.ofSeconds(5)));
        assertEquals(1001, receiver.awaitClose(Duration.ofSeconds(5)));
    }

    @Test
    void shutdownTellsNobodyThatPeersLeftSoMediaSessionsOutliveARestart() throws Exception {
        Client sender = fx.sender("cam");
        sender.ws().send(msg("{'type':'announce','streams':[{'name':'color'}]}"));
        Client receiver = fx.receiver();
        assertEquals("sender", receiver.ws().next().path("type").asText());
        receiver.ws().send(msg("{'type':'request_offer','sender_id':'" + sender.id() + "'}"));
        assertEquals("request_offer", sender.ws().next().path("type").asText());

        fx.server().close();

        assertEquals(1001, sender.ws().awaitClose(Duration.ofSeconds(5)));
        assertEquals(1001, receiver.ws().awaitClose(Duration.ofSeconds(5)));
        assertNoneOfType(sender.ws(), "receiver_left");
        assertNoneOfType(receiver.ws(), "sender_left");
    }

    private static void assertNoneOfType(WsClient ws, String type) throws Exception {
        while (ws.pending() > 0) {
            JsonNode m = ws.next();
            assertFalse(type.equals(m.path("type").asText()), "got " + m + " on shutdown");
        }
    }
}
