package dev.camrtc.protocol.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.camrtc.protocol.Announce;
import dev.camrtc.protocol.Answer;
import dev.camrtc.protocol.Candidate;
import dev.camrtc.protocol.Control;
import dev.camrtc.protocol.ControlResult;
import dev.camrtc.protocol.ErrorCode;
import dev.camrtc.protocol.ErrorMessage;
import dev.camrtc.protocol.Hangup;
import dev.camrtc.protocol.IceCandidate;
import dev.camrtc.protocol.Message;
import dev.camrtc.protocol.Offer;
import dev.camrtc.protocol.Registered;
import dev.camrtc.protocol.RequestOffer;
import dev.camrtc.protocol.Role;
import dev.camrtc.protocol.SenderInfo;
import dev.camrtc.protocol.SenderLeft;
import dev.camrtc.protocol.SessionDescription;
import dev.camrtc.protocol.StreamDescription;
import dev.camrtc.protocol.StreamMid;
import dev.camrtc.server.ServerConfig;
import dev.camrtc.server.SignalingServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link SignalingClient} against the real signaling server on 127.0.0.1. */
class SignalingClientTest {

    private final List<AutoCloseable> open = new ArrayList<>();
    private SignalingServer server;

    private SignalingServer startServer(String token) {
        server = SignalingServer.start(ServerConfig.builder().host("127.0.0.1").port(0).token(token).build());
        open.add(server);
        return server;
    }

    private URI address() {
        return URI.create("ws://127.0.0.1:" + server.port());
    }

    private SignalingClient connect(SignalingOptions options, SignalingClient.Listener inbox) throws Exception {
        // generous: the first connection of a cold JVM on a busy machine takes seconds
        SignalingClient client = SignalingClient.connect(options.withConnectTimeout(java.time.Duration.ofSeconds(20)),
                inbox);
        open.add(0, client);
        return client;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
    }

    @Test
    void bothRolesRegisterAndTheDirectoryReachesTheReceiver() throws Exception {
        startServer(null);
        Inbox senderInbox = new Inbox();
        SignalingClient sender = connect(SignalingOptions.sender(address(), "d435-lab", null), senderInbox);
        Registered senderRegistered = sender.registered();
        assertEquals(Registered.sender(sender.id(), List.of()), senderRegistered);
        assertEquals(senderRegistered, senderInbox.expect("registered"));
        assertTrue(sender.isOpen());

        Inbox receiverInbox = new Inbox();
        SignalingClient receiver = connect(SignalingOptions.receiver(address(), null), receiverInbox);
        assertEquals(Registered.receiver(receiver.id(), List.of()), receiverInbox.expect("registered"));
        assertNotEquals(sender.id(), receiver.id());
        assertEquals(new SenderInfo(sender.id(), "d435-lab", null, null), receiverInbox.expectMessage(SenderInfo.class));

        List<StreamDescription> streams = List.of(new StreamDescription("color", 640, 480, 30, "bgr8"));
        sender.send(new Announce(null, streams, "http://127.0.0.1:8000/")).get(15, TimeUnit.SECONDS);
        assertEquals(new SenderInfo(sender.id(), "d435-lab", streams, "http://127.0.0.1:8000/"),
                receiverInbox.expectMessage(SenderInfo.class));
    }

    @Test
    void offerAnswerCandidateControlAndHangupTravelThroughTheServer() throws Exception {
        startServer(null);
        Inbox senderInbox = new Inbox();
        SignalingClient sender = connect(SignalingOptions.sender(address(), null, null), senderInbox);
        senderInbox.expect("registered");
        Inbox receiverInbox = new Inbox();
        SignalingClient receiver = connect(SignalingOptions.receiver(address(), null), receiverInbox);
        receiverInbox.expect("registered");
        receiverInbox.expectMessage(SenderInfo.class);
        String s = sender.id();
        String r = receiver.id();

        receiver.send(RequestOffer.toSender(s, null));
        assertEquals(RequestOffer.fromReceiver(r, null), senderInbox.expectMessage(RequestOffer.class));

        SessionDescription offerSdp = SessionDescription.offer("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\n");
        List<StreamMid> mids = List.of(new StreamMid("0", "color"), new StreamMid("1", "infrared"));
        sender.send(Offer.toReceiver(r, offerSdp, mids, "sess-1"));
        assertEquals(new Offer(s, null, offerSdp, mids, "sess-1"), receiverInbox.expectMessage(Offer.class));

        SessionDescription answerSdp = SessionDescription.answer("v=0\r\n");
        receiver.send(Answer.toSender(s, answerSdp, "sess-1"));
        assertEquals(new Answer(null, r, answerSdp, "sess-1"), senderInbox.expectMessage(Answer.class));

        IceCandidate ice = new IceCandidate("candidate:1 1 udp 2122260223 198.18.0.1 50000 typ host", "0", 0);
        sender.send(Candidate.toReceiver(r, ice, "sess-1"));
        assertEquals(new Candidate(s, null, ice, "sess-1"), receiverInbox.expectMessage(Candidate.class));
        receiver.send(Candidate.toSender(s, null, "sess-1"));
        assertEquals(new Candidate(null, r, null, "sess-1"), senderInbox.expectMessage(Candidate.class));

        receiver.send(Control.set(s, "7", "exposure", IntNode.valueOf(8500)));
        assertEquals(new Control(null, r, "7", "set", "exposure", IntNode.valueOf(8500)),
                senderInbox.expectMessage(Control.class));
        sender.send(ControlResult.success(r, "7", IntNode.valueOf(8500)));
        assertEquals(new ControlResult(s, null, "7", true, IntNode.valueOf(8500), null),
                receiverInbox.expectMessage(ControlResult.class));

        receiver.send(Hangup.toSender(s, "sess-1"));
        assertEquals(Hangup.toReceiver(r, "sess-1"), senderInbox.expectMessage(Hangup.class));
    }

    @Test
    void serverErrorsAreDeliveredAsMessages() throws Exception {
        startServer(null);
        Inbox inbox = new Inbox();
        SignalingClient receiver = connect(SignalingOptions.receiver(address(), null), inbox);
        inbox.expect("registered");
        receiver.send(RequestOffer.toSender("s-000000", null));
        ErrorMessage error = inbox.expectMessage(ErrorMessage.class);
        assertEquals(ErrorCode.UNKNOWN_SENDER, error.code());
        assertEquals("request_offer", error.ref());
    }

    @Test
    void concurrentSendsAllArriveEachThreadInOrder() throws Exception {
        startServer(null);
        Inbox senderInbox = new Inbox();
        SignalingClient sender = connect(SignalingOptions.sender(address(), null, null), senderInbox);
        Inbox receiverInbox = new Inbox();
        SignalingClient receiver = connect(SignalingOptions.receiver(address(), null), receiverInbox);
        receiverInbox.expect("registered");
        SenderInfo senderInfo = receiverInbox.expectMessage(SenderInfo.class);
        receiver.send(Control.list(senderInfo.senderId(), "0")); // control_result goes only where control came from
        senderInbox.expect("registered");
        senderInbox.expectMessage(Control.class);
        int threads = 4;
        int each = 30; // 120 messages: within the server's burst allowance of 200
        List<Thread> workers = new ArrayList<>();
        List<CompletableFuture<Void>> writes = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread worker = new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    writes.add(sender.send(ControlResult.success(receiver.id(), thread + ":" + i, null)));
                }
            });
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(15, TimeUnit.SECONDS);
        int[] nextOf = new int[threads];
        String deliveryThread = null;
        for (int n = 0; n < threads * each; n++) {
            Inbox.Event event = receiverInbox.next();
            ControlResult result = assertInstanceOf(ControlResult.class, event.value());
            String[] parts = result.requestId().split(":");
            int thread = Integer.parseInt(parts[0]);
            assertEquals(nextOf[thread]++, Integer.parseInt(parts[1]), "order of thread " + thread);
            deliveryThread = deliveryThread == null ? event.thread() : deliveryThread;
            assertEquals(deliveryThread, event.thread(), "one delivery thread");
        }
        receiverInbox.expectNothing(100);
    }

    @Test
    void largeMessagesSplitIntoFramesAreAssembled() throws Exception {
        startServer(null);
        SignalingClient sender = connect(SignalingOptions.sender(address(), null, null), new Inbox());
        Inbox receiverInbox = new Inbox();
        connect(SignalingOptions.receiver(address(), null), receiverInbox);
        receiverInbox.expect("registered");
        receiverInbox.expectMessage(SenderInfo.class);
        List<StreamDescription> streams = new ArrayList<>();
        for (int i = 0; i < 1500; i++) { // ~110 kB: the JDK hands it over in several parts
            streams.add(new StreamDescription("stream-" + i, 640, 480, 30, "bgr8"));
        }
        sender.send(new Announce(null, streams, null)).get(15, TimeUnit.SECONDS);
        SenderInfo info = receiverInbox.expectMessage(SenderInfo.class);
        assertEquals(streams, info.streams());
        assertTrue(dev.camrtc.protocol.MessageCodec.encode(info).length() > 100_000);
    }

    @Test
    void aThrowingListenerDoesNotEndTheConnection() throws Exception {
        startServer(null);
        Inbox inbox = new Inbox();
        SignalingClient.Listener throwing = new SignalingClient.Listener() {
            private boolean first = true;

            @Override
            public void onMessage(Message message) {
                if (first) {
                    first = false;
                    throw new IllegalStateException("listener bug (expected by the test)");
                }
                inbox.onMessage(message);
            }
        };
        SignalingClient receiver = connect(SignalingOptions.receiver(address(), null), throwing);
        receiver.send(RequestOffer.toSender("s-none-1", null));
        receiver.send(RequestOffer.toSender("s-none-2", null));
        ErrorMessage second = inbox.expectMessage(ErrorMessage.class);
        assertTrue(second.message().contains("s-none-2"), second.message());
        assertTrue(receiver.isOpen());
    }

    @Test
    void tokenIsSentAndAWrongOrMissingOneIsReportedAsRefused() throws Exception {
        startServer("s3cret &=/token");
        Inbox inbox = new Inbox();
        SignalingClient ok = connect(SignalingOptions.receiver(address(), "s3cret &=/token"), inbox);
        assertTrue(ok.isOpen());

        SignalingException wrong = assertThrows(SignalingException.class,
                () -> SignalingClient.connect(SignalingOptions.receiver(address(), "guess"), new Inbox()));
        assertEquals(401, wrong.httpStatus());
        assertTrue(wrong.isRefused());
        assertTrue(wrong.getMessage().contains("access token is wrong"), wrong.getMessage());
        assertFalse(wrong.getMessage().contains("guess"), "the token is never printed");

        SignalingException missing = assertThrows(SignalingException.class,
                () -> SignalingClient.connect(SignalingOptions.sender(address(), "n", null), new Inbox()));
        assertEquals(401, missing.httpStatus());
        assertTrue(missing.getMessage().contains("needs an access token"), missing.getMessage());
    }

    @Test
    void anUnreachableServerIsReportedWithItsAddress() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        SignalingOptions options = SignalingOptions.receiver(URI.create("ws://127.0.0.1:" + port), null);
        SignalingException e = assertThrows(SignalingException.class, () -> SignalingClient.connect(options, new Inbox()));
        assertFalse(e.isRefused());
        assertEquals(0, e.httpStatus());
        assertTrue(e.getMessage().contains("ws://127.0.0.1:" + port + "/ws/receiver") && e.getMessage().contains("unreachable"),
                e.getMessage());
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            SignalingOptions options = SignalingOptions.receiver(URI.create("ws://127.0.0.1:" + silent.getLocalPort()),
                    null).withConnectTimeout(java.time.Duration.ofMillis(300));
            long start = System.nanoTime();
            SignalingException e = assertThrows(SignalingException.class,
                    () -> SignalingClient.connect(options, new Inbox()));
            assertTrue(e.getMessage().contains("did not answer within 300 ms"), e.getMessage());
            assertTrue(System.nanoTime() - start < java.util.concurrent.TimeUnit.SECONDS.toNanos(5));
        }
    }

    @Test
    void closeEndsTheConnectionAndTheServerTellsOthers() throws Exception {
        startServer(null);
        Inbox senderInbox = new Inbox();
        SignalingClient sender = connect(SignalingOptions.sender(address(), null, null), senderInbox);
        senderInbox.expect("registered");
        Inbox receiverInbox = new Inbox();
        connect(SignalingOptions.receiver(address(), null), receiverInbox);
        receiverInbox.expect("registered");
        receiverInbox.expectMessage(SenderInfo.class);

        sender.close();
        assertFalse(sender.isOpen());
        assertEquals("closed by client", senderInbox.expect("closed"));
        assertEquals("closed by client", sender.closedFuture().get(1, TimeUnit.SECONDS));
        assertEquals(new SenderLeft(sender.id()), receiverInbox.expectMessage(SenderLeft.class));
        ExecutionException notConnected = assertThrows(ExecutionException.class,
                () -> sender.send(Hangup.toReceiver("r-1", null)).get(1, TimeUnit.SECONDS));
        assertInstanceOf(IOException.class, notConnected.getCause());
        sender.close(); // idempotent
        senderInbox.expectNothing(100);
    }

    @Test
    void serverPingsAreAnsweredSoAnIdleClientStaysConnected() throws Exception {
        server = SignalingServer.start(ServerConfig.builder().host("127.0.0.1").port(0)
                .pingInterval(java.time.Duration.ofMillis(100)).idleTimeout(java.time.Duration.ofMillis(500)).build());
        open.add(server);
        Inbox inbox = new Inbox();
        SignalingClient receiver = connect(SignalingOptions.receiver(address(), null), inbox);
        inbox.expect("registered");
        inbox.expectNothing(1500); // three idle timeouts without a message of ours: only pongs keep us
        assertTrue(receiver.isOpen());
        assertTrue(receiver.silentMillis() < 400, "pings count as activity: " + receiver.silentMillis());
    }

    @Test
    void aServerShutdownIsReportedOnce() throws Exception {
        startServer(null);
        Inbox inbox = new Inbox();
        SignalingClient receiver = connect(SignalingOptions.receiver(address(), null), inbox);
        inbox.expect("registered");
        server.close();
        String reason = (String) inbox.expect("closed");
        assertTrue(reason.contains("1001"), reason);
        assertFalse(receiver.isOpen());
        assertEquals(reason, receiver.closedFuture().getNow(null));
        inbox.expectNothing(200);
    }
}
