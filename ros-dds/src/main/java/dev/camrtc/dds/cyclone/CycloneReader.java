package dev.camrtc.dds.cyclone;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.camrtc.dds.QosOptions;
import dev.camrtc.dds.RosGraphException;
import dev.camrtc.dds.RosNames;
import dev.camrtc.dds.RosSubscriber;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One DDS topic + reader of a ROS topic, and what the message subscribers share: taking with loans
 * (no sample memory of ours, nothing allocated per take), newest-valid-sample selection, counters and
 * the one warning about malformed samples. Subclasses decode a lent sample; all access is serialized
 * with {@code this}.
 */
abstract class CycloneReader implements RosSubscriber {
    private static final Logger LOG = LoggerFactory.getLogger(CycloneReader.class);
    /** Samples taken per dds_take call (keep-last 1 leaves at most one per writer). */
    private static final int BATCH = 8;

    private final CycloneGraph graph;
    final Cyclone dds;
    private final String topic;
    private final int topicEntity;
    private final int reader;
    private final byte[] guid;
    private final Memory buffers = new Memory(8L * BATCH); // void* per sample, lent by Cyclone
    private final Memory infos = new Memory((long) CycloneLibrary.SAMPLE_INFO_SIZE * BATCH);
    private final Memory matchedStatus = new Memory(24);
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private boolean closed;

    CycloneReader(CycloneGraph graph, TopicType type, String topic, QosOptions qos) {
        this.graph = graph;
        this.dds = graph.dds();
        this.topic = topic;
        this.topicEntity = dds.check(dds.lib.dds_create_topic(graph.participant(), type.descriptor(),
                RosNames.ddsTopic(topic), null, null), "dds_create_topic " + RosNames.ddsTopic(topic));
        Pointer q = dds.readerQos(qos);
        int r;
        try {
            r = dds.lib.dds_create_reader(graph.participant(), topicEntity, q, null);
        } finally {
            dds.lib.dds_delete_qos(q);
        }
        if (r < 0) {
            dds.lib.dds_delete(topicEntity);
            dds.check(r, "dds_create_reader " + topic);
        }
        this.reader = r;
        dds.lib.dds_set_status_mask(r, CycloneLibrary.DDS_DATA_AVAILABLE_STATUS);
        this.guid = dds.guid(r);
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
            int n = dds.lib.dds_take(reader, buffers, infos, BATCH, BATCH);
            if (n < 0) {
                throw new RosGraphException("dds_take on " + topic + " failed: " + dds.text(n) + " (" + n + ")");
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
                dds.lib.dds_return_loan(reader, buffers, n);
            }
            if (n < BATCH) {
                return accepted;
            }
        }
    }

    private void reject(String problem) {
        if (rejected.incrementAndGet() == 1) {
            LOG.warn("{}: malformed sample on {} ignored: {} (later ones are only counted)", graph.nodeFullName(),
                    topic, problem);
        }
    }

    @Override
    public String topic() {
        return topic;
    }

    int reader() {
        return reader;
    }

    byte[] guid() {
        return guid.clone();
    }

    @Override
    public synchronized int publisherCount() {
        if (closed) {
            return 0;
        }
        dds.check(dds.lib.dds_get_subscription_matched_status(reader, matchedStatus),
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

    void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("subscriber of " + topic + " is closed");
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            dds.lib.dds_delete(reader);
            dds.lib.dds_delete(topicEntity);
        }
        graph.removed(this);
    }

    /** Called by the graph when the participant (and so this reader) is deleted. */
    synchronized void markDeleted() {
        closed = true;
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
