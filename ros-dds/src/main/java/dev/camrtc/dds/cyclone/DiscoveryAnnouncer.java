package dev.camrtc.dds.cyclone;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.camrtc.dds.RosGraphException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Announces the node on {@code ros_discovery_info} the way every rmw does
 * ({@code rmw_dds_common::msg::dds_::ParticipantEntitiesInfo_}, reliable, transient-local, keep-last 1):
 * the participant GID, and one node with its namespace, name, reader and writer GIDs. A GID is the 16-byte
 * DDS GUID, zero-padded to 24 bytes for Humble. Re-announced whenever a publisher or subscriber comes or goes.
 */
final class DiscoveryAnnouncer {
    static final String TOPIC = "ros_discovery_info";

    private final Cyclone dds;
    private final int gidSize;
    private final int topic;
    private final int writer;
    private final byte[] participantGuid;
    private final Memory sample;
    private final Memory node = new Memory(RosTypes.NODE_SIZE);
    private final TopicType type; // its native descriptor must outlive the topic

    DiscoveryAnnouncer(Cyclone dds, int participant, int gidSize) {
        this.dds = dds;
        this.gidSize = gidSize;
        TopicType type = RosTypes.participantEntitiesInfo(gidSize);
        this.type = type;
        this.topic = dds.check(dds.lib.dds_create_topic(participant, type.descriptor(), TOPIC, null, null),
                "dds_create_topic " + TOPIC);
        Pointer q = dds.lib.dds_create_qos();
        try {
            dds.lib.dds_qset_reliability(q, CycloneLibrary.DDS_RELIABILITY_RELIABLE, 100_000_000L);
            dds.lib.dds_qset_durability(q, CycloneLibrary.DDS_DURABILITY_TRANSIENT_LOCAL);
            dds.lib.dds_qset_history(q, CycloneLibrary.DDS_HISTORY_KEEP_LAST, 1);
            this.writer = dds.check(dds.lib.dds_create_writer(participant, topic, q, null), "dds_create_writer " + TOPIC);
        } finally {
            dds.lib.dds_delete_qos(q);
        }
        this.participantGuid = dds.guid(participant);
        this.sample = new Memory(this.type.sampleSize());
    }

    /** Publishes the node with these reader and writer GUIDs (16 bytes each). */
    synchronized void announce(String namespace, String name, List<byte[]> readerGuids, List<byte[]> writerGuids) {
        sample.clear();
        sample.write(0, participantGuid, 0, 16);
        node.clear();
        putName(node, RosTypes.NODE_NAMESPACE, namespace);
        putName(node, RosTypes.NODE_NAME, name);
        Memory readers = gids(readerGuids);
        Memory writers = gids(writerGuids);
        CycloneWriter.sequence(node, RosTypes.NODE_READERS, readers, readerGuids.size());
        CycloneWriter.sequence(node, RosTypes.NODE_WRITERS, writers, writerGuids.size());
        CycloneWriter.sequence(sample, RosTypes.participantNodesOffset(gidSize), node, 1);
        int rc = dds.lib.dds_write(writer, sample);
        java.lang.ref.Reference.reachabilityFence(readers);
        java.lang.ref.Reference.reachabilityFence(writers);
        if (rc < 0) {
            throw new RosGraphException("announcing the node on " + TOPIC + " failed: " + dds.text(rc));
        }
    }

    private Memory gids(List<byte[]> guids) {
        if (guids.isEmpty()) {
            return null;
        }
        Memory m = new Memory((long) gidSize * guids.size());
        m.clear();
        for (int i = 0; i < guids.size(); i++) {
            m.write((long) i * gidSize, guids.get(i), 0, 16);
        }
        return m;
    }

    private static void putName(Memory m, long offset, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length >= RosTypes.NAME_CAPACITY) {
            throw new IllegalArgumentException("ROS name longer than 256 bytes: " + s);
        }
        m.write(offset, b, 0, b.length);
        m.setByte(offset + b.length, (byte) 0);
    }

    int topic() {
        return topic;
    }

    int writer() {
        return writer;
    }
}
