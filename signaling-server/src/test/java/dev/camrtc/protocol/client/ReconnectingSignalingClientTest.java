package dev.camrtc.protocol.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.protocol.Announce;
import dev.camrtc.protocol.Registered;
import dev.camrtc.protocol.SenderInfo;
import dev.camrtc.protocol.SenderLeft;
import dev.camrtc.server.ServerConfig;
import dev.camrtc.server.SignalingServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link ReconnectingSignalingClient} against the real signaling server, stopped and restarted on one port. */
class ReconnectingSignalingClientTest {

    private final List<AutoCloseable> open = new ArrayList<>();

    private SignalingServer startServer(int port, String token) {
        SignalingServer server = SignalingServer.start(
                ServerConfig.builder().host("127.0.0.1").port(port).token(token).build());
        open.add(server);
        return server;
    }

    private ReconnectingSignalingClient start(SignalingOptions options, Inbox inbox) {
        ReconnectingSignalingClient client = ReconnectingSignalingClient.start(options, inbox);
        open.add(0, client);
        return client;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static URI address(int port) {
        return URI.create("ws://127.0.0.1:" + port);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
    }

    @Test
    void reconnectsAfterAServerRestartOnTheSamePortAndAnnouncesAgain() throws Exception {
        SignalingServer first = startServer(0, null);
        int port = first.port();
        Inbox inbox = new Inbox();
        ReconnectingSignalingClient sender = start(SignalingOptions.sender(address(port), "d435-lab", null), inbox);
        Registered firstRegistration = (Registered) inbox.expect("connected");
        assertTrue(sender.isConnected());
        assertEquals(firstRegistration, sender.registered());
        sender.send(new Announce(null, null, "http://127.0.0.1:8000/")).get(15, TimeUnit.SECONDS);

        first.close();
        String reason = (String) inbox.expect("disconnected");
        assertTrue(reason.contains("1001"), reason);
        assertFalse(sender.isConnected());
        ExecutionException offline = assertThrows(ExecutionException.class,
                () -> sender.send(new Announce("x", null, null)).get(1, TimeUnit.SECONDS));
        assertInstanceOf(IOException.class, offline.getCause());

        startServer(port, null);
        // retries come 250 ms, 500 ms, 1 s, 2 s (+-20 %) apart: reconnected within seconds of the restart
        Inbox.Event event = inbox.next(6000);
        assertEquals("connected", event.kind(), event::toString);
        Registered second = (Registered) event.value();
        assertNotEquals(firstRegistration.senderId(), second.senderId(), "a new connection gets a new id");

        Inbox receiverInbox = new Inbox();
        start(SignalingOptions.receiver(address(port), null), receiverInbox);
        receiverInbox.expect("connected");
        assertEquals(new SenderInfo(second.senderId(), "d435-lab", null, null),
                receiverInbox.expectMessage(SenderInfo.class));
        sender.send(new Announce(null, null, "http://127.0.0.1:8000/")).get(15, TimeUnit.SECONDS);
        assertEquals(new SenderInfo(second.senderId(), "d435-lab", null, "http://127.0.0.1:8000/"),
                receiverInbox.expectMessage(SenderInfo.class));
    }

    @Test
    void theFirstRetryAfterALostConnectionComesWithinASecond() throws Exception {
        // the server drops a peer idle for 500 ms (its pings are 60 s apart) but stays up: each drop is
        // followed by the client's first retry, which succeeds at once
        SignalingServer server = SignalingServer.start(ServerConfig.builder().host("127.0.0.1").port(0)
                .pingInterval(Duration.ofSeconds(60)).idleTimeout(Duration.ofMillis(500)).build());
        open.add(server);
        Inbox inbox = new Inbox();
        start(SignalingOptions.receiver(address(server.port()), null), inbox);
        inbox.expect("connected");
        for (int cycle = 0; cycle < 2; cycle++) {
            String reason = (String) inbox.next(3000).value();
            assertTrue(reason.contains("1001"), reason);
            long dropped = System.nanoTime();
            inbox.expect("connected");
            long millis = (System.nanoTime() - dropped) / 1_000_000;
            // first retry after 200..300 ms, plus one connect on loopback; the second retry would be ~750 ms
            // later and a slow backoff seconds later
            assertTrue(millis < 1500, "reconnected " + millis + " ms after the drop");
        }
    }

    @Test
    void waitsForAServerThatIsNotUpYetAndReportsThatOnce() throws Exception {
        int port = freePort();
        Inbox inbox = new Inbox();
        ReconnectingSignalingClient receiver = start(SignalingOptions.receiver(address(port), null), inbox);
        SignalingException cause = (SignalingException) inbox.expect("failed");
        assertFalse(cause.isRefused());
        assertTrue(cause.getMessage().contains("unreachable"), cause.getMessage());
        assertNull(receiver.registered());
        inbox.expectNothing(1200); // retries at ~250, ~750 ms: no second report

        startServer(port, null);
        Registered registered = (Registered) inbox.next(4000).value();
        assertEquals(registered, receiver.registered());
        assertTrue(receiver.isConnected());
    }

    @Test
    void aWrongTokenIsReportedOnceAsRefused() throws Exception {
        SignalingServer server = startServer(0, "right");
        Inbox inbox = new Inbox();
        ReconnectingSignalingClient client = start(SignalingOptions.receiver(address(server.port()), "wrong"), inbox);
        SignalingException cause = (SignalingException) inbox.expect("failed");
        assertEquals(401, cause.httpStatus());
        assertTrue(cause.isRefused());
        inbox.expectNothing(700); // slow retry: no storm of attempts or reports
        assertFalse(client.isConnected());
    }

    @Test
    void aSilentServerIsDroppedAndReconnectedButPingsKeepTheConnection() throws Exception {
        SignalingServer quiet = startServer(0, null); // pings every 10 s
        Inbox inbox = new Inbox();
        start(SignalingOptions.receiver(address(quiet.port()), null), inbox, Duration.ofMillis(600));
        Registered first = (Registered) inbox.expect("connected");
        String reason = (String) inbox.next(3000).value();
        assertTrue(reason.startsWith("nothing from the server for"), reason);
        Registered second = (Registered) inbox.expect("connected");
        assertNotEquals(first.receiverId(), second.receiverId());

        SignalingServer pinging = SignalingServer.start(ServerConfig.builder().host("127.0.0.1").port(0)
                .pingInterval(Duration.ofMillis(100)).build());
        open.add(pinging);
        Inbox kept = new Inbox();
        ReconnectingSignalingClient client = start(SignalingOptions.receiver(address(pinging.port()), null), kept,
                Duration.ofMillis(600));
        kept.expect("connected");
        kept.expectNothing(1500);
        assertTrue(client.isConnected());
    }

    private ReconnectingSignalingClient start(SignalingOptions options, Inbox inbox, Duration silenceTimeout) {
        ReconnectingSignalingClient client = ReconnectingSignalingClient.start(options, inbox, silenceTimeout);
        open.add(0, client);
        return client;
    }

    @Test
    void closeStopsReconnecting() throws Exception {
        SignalingServer first = startServer(0, null);
        int port = first.port();
        Inbox inbox = new Inbox();
        ReconnectingSignalingClient sender = start(SignalingOptions.sender(address(port), null, null), inbox);
        Registered registered = (Registered) inbox.expect("connected");

        Inbox receiverInbox = new Inbox();
        start(SignalingOptions.receiver(address(port), null), receiverInbox);
        receiverInbox.expect("connected");
        receiverInbox.expectMessage(SenderInfo.class);

        sender.close();
        assertEquals(new SenderLeft(registered.senderId()), receiverInbox.expectMessage(SenderLeft.class));
        assertFalse(sender.isConnected());
        inbox.expectNothing(700);
        sender.close();
    }
}
