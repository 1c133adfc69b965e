package dev.camrtc.dds.cyclone;

import com.sun.jna.Pointer;
import dev.camrtc.dds.QosOptions;
import dev.camrtc.dds.RosNames;

/**
 * One DDS topic plus its reader or writer, for one ROS topic of a {@link CycloneGraph}: creation (the
 * entity gets the QoS of {@link Cyclone#readerQos} or {@link Cyclone#writerQos}), its GUID for the node
 * announcement, and the one place both are deleted. Subclasses serialize their use of the entity with
 * {@code this}; {@link #close()} takes the same lock, so it waits for a write or take in progress.
 */
abstract class CycloneEndpoint implements AutoCloseable {
    private final CycloneGraph graph;
    final Cyclone dds;
    private final String topic;
    private final int topicEntity;
    private final int entity;
    private final byte[] guid;
    private final String kind;
    private volatile boolean closed;

    /** @param reader a reader (else a writer) */
    CycloneEndpoint(CycloneGraph graph, TopicType type, String topic, QosOptions qos, boolean reader) {
        this.graph = graph;
        this.dds = graph.dds();
        this.topic = topic;
        this.kind = reader ? "subscriber" : "publisher";
        this.topicEntity = dds.check(dds.lib.dds_create_topic(graph.participant(), type.descriptor(),
                RosNames.ddsTopic(topic), null, null), "dds_create_topic " + RosNames.ddsTopic(topic));
        Pointer q = reader ? dds.readerQos(qos) : dds.writerQos(qos);
        int e;
        try {
            e = reader ? dds.lib.dds_create_reader(graph.participant(), topicEntity, q, null)
                    : dds.lib.dds_create_writer(graph.participant(), topicEntity, q, null);
        } finally {
            dds.lib.dds_delete_qos(q);
        }
        if (e < 0) {
            dds.lib.dds_delete(topicEntity);
            dds.check(e, (reader ? "dds_create_reader " : "dds_create_writer ") + topic);
        }
        this.entity = e;
        this.guid = dds.guid(e);
    }

    /** Fully qualified ROS topic name. */
    public String topic() {
        return topic;
    }

    /** The reader or writer entity. */
    int entity() {
        return entity;
    }

    byte[] guid() {
        return guid.clone();
    }

    CycloneGraph graph() {
        return graph;
    }

    boolean isClosed() {
        return closed;
    }

    void ensureOpen() {
        if (closed) {
            throw new IllegalStateException(kind + " of " + topic + " is closed");
        }
    }

    /** Deletes the entity and its topic; idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            dds.lib.dds_delete(entity);
            dds.lib.dds_delete(topicEntity);
        }
        graph.removed(this);
    }

    /** Called by the graph when the participant (and so this entity) is deleted. */
    synchronized void markDeleted() {
        closed = true;
    }
}
