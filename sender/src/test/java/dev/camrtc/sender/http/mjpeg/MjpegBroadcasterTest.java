package dev.camrtc.sender.http.mjpeg;

import dev.camrtc.sender.http.Jpegs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.media.frame.CameraFrame;
import dev.camrtc.media.frame.PixelFormat;
import dev.camrtc.media.stamp.FrameStamp;
import dev.camrtc.protocol.StreamDescription;
import dev.camrtc.sender.camera.CameraSource;
import dev.camrtc.sender.camera.FrameSink;
import dev.camrtc.sender.control.CameraControls;
import dev.camrtc.sender.hub.FrameHub;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Encode once, subscribe only while watched, latest-frame slots: driven frame by frame. */
class MjpegBroadcasterTest {

    /** A one-stream source the test drives by hand. */
    static final class HandSource implements CameraSource {
        volatile FrameSink sink;
        volatile Set<String> demand = Set.of();

        @Override
        public String description() {
            return "hand";
        }

        @Override
        public List<StreamDescription> streams() {
            return List.of(new StreamDescription("infrared", 160, 120, 30, "mono8"));
        }

        @Override
        public void start(FrameSink s) {
            sink = s;
        }

        @Override
        public void demand(Set<String> streams) {
            demand = streams;
        }

        @Override
        public CameraControls controls() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }

        void emit(long seq) {
            ByteBuffer px = ByteBuffer.allocateDirect(160 * 120);
            FrameStamp.encode(px, 160, 120, PixelFormat.MONO8, seq, 1_700_000_000_000L + seq);
            sink.accept(new CameraFrame("infrared", 160, 120, PixelFormat.MONO8, px, seq, 1_700_000_000_000L + seq));
        }
    }

    private final HandSource source = new HandSource();
    private final FrameHub hub = FrameHub.start("bc-test", source);
    private final ExecutorService encoders = Executors.newSingleThreadExecutor();
    private final MjpegBroadcaster broadcaster = new MjpegBroadcaster("bc-test", "infrared", hub, 80, encoders);

    @AfterEach
    void stop() throws InterruptedException {
        encoders.shutdown();
        assertTrue(encoders.awaitTermination(5, TimeUnit.SECONDS));
        broadcaster.close();
    }

    @Test
    void subscribesOnlyWhileItHasClientsAndEncodesEachFrameOnceForAll() throws Exception {
        assertEquals(Set.of(), source.demand);
        MjpegClient a = broadcaster.join(false);
        MjpegClient b = broadcaster.join(false);
        assertEquals(Set.of("infrared"), source.demand);
        assertEquals(1, hub.subscriberCount("infrared"), "one subscription for any number of clients");
        source.emit(7);
        JpegFrame fa = a.take(TimeUnit.SECONDS.toNanos(10));
        JpegFrame fb = b.take(TimeUnit.SECONDS.toNanos(10));
        assertNotNull(fa);
        assertSame(fa, fb, "both clients get the very same encoded bytes");
        assertEquals(7, fa.sequence());
        assertEquals(new FrameStamp.Stamp(7, 1_700_000_000_007L), Jpegs.stamp(Jpegs.decode(fa.jpeg())).orElseThrow());
        assertEquals(1, broadcaster.framesEncoded());
        broadcaster.leave(a);
        assertEquals(Set.of("infrared"), source.demand);
        broadcaster.leave(b);
        broadcaster.leave(b);
        assertEquals(Set.of(), source.demand, "no client, no capture");
        assertEquals(0, hub.subscriberCount("infrared"));
    }

    @Test
    void aClientThatDoesNotTakeKeepsOnlyTheNewestFrame() throws Exception {
        MjpegClient slow = broadcaster.join(false);
        for (int i = 1; i <= 20; i++) {
            source.emit(i);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (broadcaster.framesEncoded() < i && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
        }
        assertEquals(20, broadcaster.framesEncoded());
        assertEquals(19, slow.skipped(), "19 frames replaced, none queued");
        assertEquals(20, slow.take(0).sequence(), "the slot holds the newest");
        assertNull(slow.take(0));
        broadcaster.leave(slow);
    }

    @Test
    void aSnapshotClientStartsWithTheLatestFrameWhenTheStreamIsWatched() throws Exception {
        MjpegClient watcher = broadcaster.join(false);
        source.emit(3);
        assertNotNull(watcher.take(TimeUnit.SECONDS.toNanos(10)));
        MjpegClient snapshot = broadcaster.join(true);
        JpegFrame f = snapshot.take(0);
        assertNotNull(f, "primed without waiting for the next frame");
        assertEquals(3, f.sequence());
        broadcaster.leave(snapshot);
        broadcaster.leave(watcher);
    }
}
