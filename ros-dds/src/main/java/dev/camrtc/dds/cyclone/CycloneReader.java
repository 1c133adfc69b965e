package dev.camrtc.dds.cyclone;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.camrtc.dds.QosOptions;
import dev.camrtc.dds.RosGraphException;
import dev.camrtc.dds.RosSubscriber;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reader of a ROS topic ({@link CycloneEndpoint}), and what the message subscribers share: taking with loans
 * (no sample memory of ours, nothing allocated per take), newest-valid-sample selection, counters and
 * the one warning about malformed samples. Subclasses decode a lent sample; all access is serialized
 * with {@code this}.
 */
abstract class CycloneReader extends CycloneEndpoint implements RosSubscriber {
    private static final Logger LOG = LoggerFactory.getLogger(CycloneReader.class);
    /** Samples taken per dds_take call (keep-last 1 leaves at most one per writer). */
    private static final int BATCH = 8;

    private final Memory buffers = new Memory(8L * BATCH); // void* per sample, lent by Cyclone
    private final Memory infos = new Memory((long) CycloneLibrary.SAMPLE_INFO_SIZE * BATCH);
    private final Memory matchedStatus = new Memory(24);
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();

    CycloneReader(CycloneGraph graph, TopicType type, String topic, QosOptions qos) {
        super(graph, type, topic, qos, true);
        dds.lib.dds_set_status_mask(entity(), CycloneLibrary.DDS_DATA_AVAILABLE_STATUS);
    }

    /** Decodes the lent sample at {@code sample}; returns a reason when it is malformed, else null. */
    interface Decoder {
        String accept(Pointer sample);
    }

    /**
     * Takes everything waiting and gives the newest valid sample to {@code decoder} (older ones are
     * dropped unread); if that one is malformed, the next newer-to-older valid one is tried. Returns
     * true when a sample was accepted. Caller holds {@code this}.
     */
    boolean takeNewest(Decoder decoder) {
        ensureOpen();
        boolean accepted = false;
        while (true) {
            buffers.setPointer(0, null);
            int n = dds.lib.dds_take(entity(), buffers, infos, BATCH, BATCH);
            if (n < 0) {
                throw new RosGraphException("dds_take on " + topic() + " failed: " + dds.text(n) + " (" + n + ")");
            }
            if (n == 0) {
                return accepted;
            }
            try {
                for (int i = n - 1; i >= 0 && !accepted; i--) {
                    if (infos.getByte((long) i * CycloneLibrary.SAMPLE_INFO_SIZE + CycloneLibrary.SAMPLE_INFO_VALID_DATA) == 0) {
                        continue;
                    }
                    String problem = decoder.accept(buffers.getPointer(8L * i));
                    if (problem == null) {
                        received.incrementAndGet();
                        accepted = true;
                    } else {
                        reject(problem);
                    }
                }
            } finally {
                dds.lib.dds_return_loan(entity(), buffers, n);
            }
            if (n < BATCH) {
                return accepted;
            }
        }
    }

    private void reject(String problem) {
        if (rejected.incrementAndGet() == 1) {
            LOG.warn("{}: malformed sample on {} ignored: {} (later ones are only counted)", graph().nodeFullName(),
                    topic(), problem);
        }
    }

    @Override
    public synchronized int publisherCount() {
        if (isClosed()) {
            return 0;
        }
        dds.check(dds.lib.dds_get_subscription_matched_status(entity(), matchedStatus),
                "dds_get_subscription_matched_status");
        return matchedStatus.getInt(8);
    }

    @Override
    public long receivedCount() {
        return received.get();
    }

    @Override
    public long rejectedCount() {
        return rejected.get();
    }

    /** A C string of at most {@code max} bytes at {@code p}, or null when it is missing or longer. */
    static String boundedString(Pointer p, int max) {
        if (p == null) {
            return null;
        }
        for (int i = 0; i <= max; i++) {
            if (p.getByte(i) == 0) {
                return new String(p.getByteArray(0, i), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
