package dev.camrtc.protocol.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.camrtc.protocol.Message;
import dev.camrtc.protocol.Registered;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Records every callback of both client listeners, in order, as events for a test to take one by one.
 * Also records the thread each callback ran on.
 */
final class Inbox implements SignalingClient.Listener, ReconnectingSignalingClient.Listener {

    /** One callback: what it was and on which thread it ran. */
    record Event(String kind, Object value, String thread) {
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

    private void add(String kind, Object value) {
        events.add(new Event(kind, value, Thread.currentThread().getName()));
    }

    @Override
    public void onRegistered(Registered registered) {
        add("registered", registered);
    }

    @Override
    public void onConnected(Registered registered) {
        add("connected", registered);
    }

    @Override
    public void onMessage(Message message) {
        add("message", message);
    }

    @Override
    public void onClosed(String reason) {
        add("closed", reason);
    }

    @Override
    public void onDisconnected(String reason) {
        add("disconnected", reason);
    }

    @Override
    public void onConnectFailed(SignalingException cause) {
        add("failed", cause);
    }

    /** The next event, waiting up to 15 s (a cold JVM on a busy machine is slow); fails the test when none comes. */
    Event next() throws InterruptedException {
        return next(15000);
    }

    Event next(long millis) throws InterruptedException {
        Event event = events.poll(millis, TimeUnit.MILLISECONDS);
        assertNotNull(event, "no signaling event within " + millis + " ms");
        return event;
    }

    /** The next event, which must be {@code kind}; returns its value. */
    Object expect(String kind) throws InterruptedException {
        Event event = next();
        assertEquals(kind, event.kind(), event::toString);
        return event.value();
    }

    /** The next event must be a message of class {@code type}. */
    <T extends Message> T expectMessage(Class<T> type) throws InterruptedException {
        return assertInstanceOf(type, expect("message"));
    }

    /** Nothing arrives within {@code millis}. */
    void expectNothing(long millis) throws InterruptedException {
        assertNull(events.poll(millis, TimeUnit.MILLISECONDS));
    }
}
