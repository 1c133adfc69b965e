package dev.camrtc.sender.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.media.frame.CameraFrame;
import dev.camrtc.media.frame.PixelFormat;
import dev.camrtc.protocol.StreamDescription;
import dev.camrtc.sender.camera.CameraSource;
import dev.camrtc.sender.camera.FrameSink;
import dev.camrtc.sender.camera.testpattern.TestPatternOptions;
import dev.camrtc.sender.camera.testpattern.TestPatternSource;
import dev.camrtc.sender.control.CameraControls;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FrameHubTest {

    /** A source the test drives by hand; records every demand the hub gives it. */
    static final class ScriptedSource implements CameraSource {
        final List<Set<String>> demands = new CopyOnWriteArrayList<>();
        volatile FrameSink sink;

        @Override
        public String description() {
            return "scripted";
        }

        @Override
        public List<StreamDescription> streams() {
            return List.of(new StreamDescription("color", 4, 2, 30, "bgr8"),
                    new StreamDescription("infrared", 4, 2, 30, "mono8"));
        }

        @Override
        public void start(FrameSink s) {
            sink = s;
        }

        @Override
        public void demand(Set<String> streams) {
            demands.add(streams);
        }

        @Override
        public CameraControls controls() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }

        void emit(String stream, long seq) {
            sink.accept(new CameraFrame(stream, 4, 2, PixelFormat.MONO8, ByteBuffer.allocate(8), seq, seq));
        }

        Set<String> lastDemand() {
            return demands.isEmpty() ? Set.of() : demands.get(demands.size() - 1);
        }
    }

    private final ScriptedSource source = new ScriptedSource();
    private final FrameHub hub = FrameHub.start("hub-test", source);

    @Test
    void demandFollowsSubscribeAndClose() {
        FrameHub.Subscription a = hub.subscribe("color", f -> { });
        assertEquals(List.of(Set.of("color")), source.demands);
        FrameHub.Subscription b = hub.subscribe("color", f -> { });
        assertEquals(1, source.demands.size(), "no call when the demand does not change");
        FrameHub.Subscription c = hub.subscribe("infrared", f -> { });
        assertEquals(Set.of("color", "infrared"), source.lastDemand());
        assertEquals(2, hub.subscriberCount("color"));
        a.close();
        assertEquals(Set.of("color", "infrared"), hub.demand());
        b.close();
        b.close();
        assertEquals(Set.of("infrared"), source.lastDemand());
        c.close();
        assertEquals(Set.of(), source.lastDemand());
        assertEquals(List.of(Set.of("color"), Set.of("color", "infrared"), Set.of("infrared"), Set.of()), source.demands);
    }

    @Test
    void deliversEachFrameToTheSubscribersOfItsStreamOnly() {
        List<String> got = new ArrayList<>();
        hub.subscribe("color", f -> got.add("a:" + f.stream() + f.sequence()));
        hub.subscribe("color", f -> got.add("b:" + f.stream() + f.sequence()));
        hub.subscribe("infrared", f -> got.add("c:" + f.stream() + f.sequence()));
        source.emit("color", 1);
        source.emit("infrared", 2);
        source.emit("depth", 3);
        assertEquals(List.of("a:color1", "b:color1", "c:infrared2"), got);
    }

    @Test
    void aFailingSubscriberDoesNotStopTheOthers() {
        AtomicInteger delivered = new AtomicInteger();
        hub.subscribe("color", f -> {
            throw new IllegalStateException("boom");
        });
        hub.subscribe("color", f -> delivered.incrementAndGet());
        source.emit("color", 1);
        source.emit("color", 2);
        assertEquals(2, delivered.get());
    }

    @Test
    void unknownStreamAndClosedHubAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> hub.subscribe("depth", f -> { }));
        assertTrue(e.getMessage().contains("'depth'") && e.getMessage().contains("color, infrared"), e.getMessage());
        hub.subscribe("color", f -> { });
        hub.close();
        assertEquals(Set.of(), source.lastDemand(), "closing the hub ends every subscription");
        assertThrows(IllegalStateException.class, () -> hub.subscribe("color", f -> { }));
    }

    @Test
    void noDeliveryAfterCloseReturnsEvenWhileTheSourceIsDelivering() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        Thread pump = new Thread(() -> {
            long seq = 0;
            while (running.get()) {
                source.emit("color", seq++);
            }
        });
        pump.start();
        try {
            for (int i = 0; i < 300; i++) {
                AtomicBoolean closedFlag = new AtomicBoolean();
                AtomicInteger late = new AtomicInteger();
                CountDownLatch first = new CountDownLatch(1);
                FrameHub.Subscription sub = hub.subscribe("color", f -> {
                    if (closedFlag.get()) {
                        late.incrementAndGet();
                    }
                    first.countDown();
                });
                assertTrue(first.await(5, TimeUnit.SECONDS));
                sub.close();
                closedFlag.set(true);
                Thread.sleep(0, 100_000);
                assertEquals(0, late.get(), "delivery after close() returned");
            }
        } finally {
            running.set(false);
            pump.join();
        }
    }

    @Test
    void concurrentSubscribeAndUnsubscribeUnderLoadKeepsDemandConsistent() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong pumped = new AtomicLong();
        Thread pump = new Thread(() -> {
            while (running.get()) {
                long seq = pumped.incrementAndGet();
                source.emit(seq % 2 == 0 ? "color" : "infrared", seq);
            }
        });
        AtomicLong permanentCount = new AtomicLong();
        FrameHub.Subscription permanent = hub.subscribe("color", f -> permanentCount.incrementAndGet());
        pump.start();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        AtomicInteger late = new AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            Thread t = new Thread(() -> {
                try {
                    for (int i = 0; i < 400; i++) {
                        String stream = ThreadLocalRandom.current().nextBoolean() ? "color" : "infrared";
                        AtomicBoolean closedFlag = new AtomicBoolean();
                        FrameHub.Subscription sub = hub.subscribe(stream, f -> {
                            if (closedFlag.get()) {
                                late.incrementAndGet();
                            }
                            if (!f.stream().equals(stream)) {
                                failures.add(new AssertionError("got " + f.stream() + " on " + stream));
                            }
                        });
                        if (i % 7 == 0) {
                            Thread.yield();
                        }
                        sub.close();
                        closedFlag.set(true);
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            workers.add(t);
            t.start();
        }
        for (Thread t : workers) {
            t.join(TimeUnit.SECONDS.toMillis(30));
        }
        running.set(false);
        pump.join();
        assertEquals(List.of(), failures);
        assertEquals(0, late.get());
        assertTrue(pumped.get() > 1000, "the source kept delivering: " + pumped.get());
        assertTrue(permanentCount.get() > 0);
        for (Set<String> d : source.demands) {
            assertTrue(d.contains("color"), "color has a permanent subscriber, yet demand was " + d);
        }
        assertEquals(Set.of("color"), source.lastDemand());
        assertEquals(1, hub.subscriberCount("color"));
        assertEquals(0, hub.subscriberCount("infrared"));
        permanent.close();
        assertEquals(Set.of(), source.lastDemand());
    }

    @Test
    void aRealSourceCapturesOnlyWatchedStreams() throws Exception {
        try (TestPatternSource pattern = new TestPatternSource(new TestPatternOptions("hub-real", 320, 240, 30))) {
            FrameHub real = FrameHub.start("hub-real", pattern);
            BlockingQueue<CameraFrame> frames = new LinkedBlockingQueue<>();
            FrameHub.Subscription sub = real.subscribe("infrared", frames::add);
            assertEquals(Set.of("infrared"), pattern.demand());
            for (int i = 0; i < 3; i++) {
                CameraFrame f = frames.poll(10, TimeUnit.SECONDS);
                assertNotNull(f);
                assertEquals("infrared", f.stream());
            }
            sub.close();
            assertEquals(Set.of(), pattern.demand());
            Thread.sleep(100);
            frames.clear();
            assertNull(frames.poll(200, TimeUnit.MILLISECONDS));
            real.close();
        }
    }
}
