package dev.camrtc.dds.cyclone;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.camrtc.dds.QosOptions;
import dev.camrtc.dds.RosGraphException;
import dev.camrtc.dds.RosPublisher;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A writer of a ROS topic ({@link CycloneEndpoint}), and what the message publishers share: the stamp and
 * frame_id of the header, counters, and the write itself. Subclasses own the sample memory and
 * serialize all access to it with {@code this}.
 */
abstract class CycloneWriter extends CycloneEndpoint implements RosPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(CycloneWriter.class);
    private static final long DROP_LOG_EVERY = 100;

    private final AtomicLong published = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private String frameId;
    private Memory frameIdMemory;
    private final Memory matchedStatus = new Memory(24); // dds_publication_matched_status_t, reused

    CycloneWriter(CycloneGraph graph, TopicType type, String topic, QosOptions qos) {
        super(graph, type, topic, qos, false);
    }

    @Override
    public synchronized int subscriptionCount() { // asked before every compressed frame: no allocation
        if (isClosed()) {
            return 0;
        }
        dds.check(dds.lib.dds_get_publication_matched_status(entity(), matchedStatus),
                "dds_get_publication_matched_status");
        return matchedStatus.getInt(8);
    }

    @Override
    public long publishedCount() {
        return published.get();
    }

    @Override
    public long droppedCount() {
        return dropped.get();
    }

    /** Fills Header_ (stamp, frame_id) at {@code base}; caller holds {@code this}. */
    void header(Pointer sample, long base, Instant stamp, String id) {
        long sec = stamp.getEpochSecond();
        if (sec < Integer.MIN_VALUE || sec > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("stamp " + stamp + " does not fit builtin_interfaces/Time (int32 seconds)");
        }
        if (id == null) {
            throw new IllegalArgumentException("frame_id must not be null (use \"\" for none)");
        }
        if (!id.equals(frameId)) {
            frameIdMemory = Cyclone.cString(id);
            frameId = id;
        }
        sample.setInt(base + RosTypes.HEADER_SEC, (int) sec);
        sample.setInt(base + RosTypes.HEADER_NANOSEC, stamp.getNano());
        sample.setPointer(base + RosTypes.HEADER_FRAME_ID, frameIdMemory);
    }

    static void sequence(Pointer sample, long offset, Pointer buffer, int length) {
        sample.setInt(offset + RosTypes.SEQ_MAXIMUM, length);
        sample.setInt(offset + RosTypes.SEQ_LENGTH, length);
        sample.setPointer(offset + RosTypes.SEQ_BUFFER, buffer);
        sample.setByte(offset + RosTypes.SEQ_RELEASE, (byte) 0);
    }

    /** Writes the sample; false if a reliable write timed out (frame dropped). Caller holds {@code this}. */
    boolean write(Pointer sample) {
        ensureOpen();
        int rc = dds.lib.dds_write(entity(), sample);
        if (rc == Cyclone.RETCODE_OK) {
            published.incrementAndGet();
            return true;
        }
        long drops = dropped.incrementAndGet();
        if (rc == Cyclone.RETCODE_TIMEOUT) {
            if (drops % DROP_LOG_EVERY == 1) {
                LOG.warn("{}: frame dropped on {}: a reliable subscriber is not keeping up ({} dropped so far)",
                        graph().nodeFullName(), topic(), drops);
            }
            return false;
        }
        throw new RosGraphException("dds_write on " + topic() + " failed: " + dds.text(rc) + " (" + rc + ")");
    }

}
