package dev.camrtc.dds.cyclone;

import static dev.camrtc.dds.cyclone.TopicType.ADR;
import static dev.camrtc.dds.cyclone.TopicType.FLAG_FP;
import static dev.camrtc.dds.cyclone.TopicType.FLAG_SGN;
import static dev.camrtc.dds.cyclone.TopicType.RTS;
import static dev.camrtc.dds.cyclone.TopicType.SUBTYPE_1BY;
import static dev.camrtc.dds.cyclone.TopicType.SUBTYPE_8BY;
import static dev.camrtc.dds.cyclone.TopicType.SUBTYPE_STU;
import static dev.camrtc.dds.cyclone.TopicType.TYPE_1BY;
import static dev.camrtc.dds.cyclone.TopicType.TYPE_4BY;
import static dev.camrtc.dds.cyclone.TopicType.TYPE_ARR;
import static dev.camrtc.dds.cyclone.TopicType.TYPE_BLN;
import static dev.camrtc.dds.cyclone.TopicType.TYPE_BST;
import static dev.camrtc.dds.cyclone.TopicType.TYPE_EXT;
import static dev.camrtc.dds.cyclone.TopicType.TYPE_SEQ;
import static dev.camrtc.dds.cyclone.TopicType.TYPE_STR;

import dev.camrtc.dds.RosNames;

/**
 * Topic descriptors and C sample layouts of the ROS messages the bridge publishes, as Cyclone's
 * {@code idlc} 0.10.2 generates them for src/test/dds/idl/*.idl on x86_64 (LP64). How they were derived
 * and how DescriptorLayoutTest re-checks every number against idlc: docs/ros2-bridge.md.
 *
 * <p>Op words: {@code ADR|type, offset[, extra]}; {@code EXT} jumps to a nested struct's ops
 * ({@code (3 << 16) + distance}); the shared sub-programs Header_ and Time_ follow each top-level type.
 */
final class RosTypes {
    private RosTypes() {
    }

    /** C layout shared by all: Time_ {int32 sec @0, uint32 nanosec @4}; Header_ {Time_ stamp @0, char* frame_id @8}. */
    static final int HEADER_SEC = 0;
    static final int HEADER_NANOSEC = 4;
    static final int HEADER_FRAME_ID = 8;
    /** dds_sequence_t {uint32 _maximum @0, uint32 _length @4, void* _buffer @8, bool _release @16}, 24 bytes. */
    static final int SEQ_MAXIMUM = 0;
    static final int SEQ_LENGTH = 4;
    static final int SEQ_BUFFER = 8;
    static final int SEQ_RELEASE = 16;

    // sensor_msgs::msg::dds_::Image_, 64 bytes
    static final int IMAGE_HEIGHT = 16;
    static final int IMAGE_WIDTH = 20;
    static final int IMAGE_ENCODING = 24;
    static final int IMAGE_IS_BIGENDIAN = 32;
    static final int IMAGE_STEP = 36;
    static final int IMAGE_DATA = 40;

    // sensor_msgs::msg::dds_::CompressedImage_, 48 bytes
    static final int COMPRESSED_FORMAT = 16;
    static final int COMPRESSED_DATA = 24;

    // sensor_msgs::msg::dds_::CameraInfo_, 328 bytes (RegionOfInterest_ @304: 4 x uint32, bool do_rectify @16)
    static final int INFO_HEIGHT = 16;
    static final int INFO_WIDTH = 20;
    static final int INFO_DISTORTION_MODEL = 24;
    static final int INFO_D = 32;
    static final int INFO_K = 56;
    static final int INFO_R = 128;
    static final int INFO_P = 200;
    static final int INFO_BINNING_X = 296;
    static final int INFO_BINNING_Y = 300;
    static final int INFO_ROI = 304;

    // rmw_dds_common::msg::dds_::ParticipantEntitiesInfo_: Gid_ gid @0 (gidSize bytes), sequence of
    // NodeEntitiesInfo_ after it (8-aligned). NodeEntitiesInfo_ (568 bytes): char node_namespace[257] @0,
    // char node_name[257] @257, sequence<Gid_> reader_gid_seq @520, writer_gid_seq @544.
    static final int NODE_NAMESPACE = 0;
    static final int NODE_NAME = 257;
    static final int NODE_READERS = 520;
    static final int NODE_WRITERS = 544;
    static final int NODE_SIZE = 568;
    static final int NAME_CAPACITY = 257;

    /** The sub-programs for Header_ and Time_, appended after each message's own ops. */
    private static final int[] HEADER_OPS = {
            ADR | TYPE_EXT, 0, (3 << 16) + 6,
            ADR | TYPE_STR, HEADER_FRAME_ID,
            RTS,
            ADR | TYPE_4BY | FLAG_SGN, HEADER_SEC,
            ADR | TYPE_4BY, HEADER_NANOSEC,
            RTS};

    static TopicType image() {
        return new TopicType(RosNames.ddsType("sensor_msgs", "Image"), 64, 8, 0, 14, concat(new int[] {
                ADR | TYPE_EXT, 0, (3 << 16) + 16,
                ADR | TYPE_4BY, IMAGE_HEIGHT,
                ADR | TYPE_4BY, IMAGE_WIDTH,
                ADR | TYPE_STR, IMAGE_ENCODING,
                ADR | TYPE_1BY, IMAGE_IS_BIGENDIAN,
                ADR | TYPE_4BY, IMAGE_STEP,
                ADR | TYPE_SEQ | SUBTYPE_1BY, IMAGE_DATA,
                RTS}, HEADER_OPS));
    }

    static TopicType compressedImage() {
        return new TopicType(RosNames.ddsType("sensor_msgs", "CompressedImage"), 48, 8, 0, 10, concat(new int[] {
                ADR | TYPE_EXT, 0, (3 << 16) + 8,
                ADR | TYPE_STR, COMPRESSED_FORMAT,
                ADR | TYPE_SEQ | SUBTYPE_1BY, COMPRESSED_DATA,
                RTS}, HEADER_OPS));
    }

    static TopicType cameraInfo() {
        return new TopicType(RosNames.ddsType("sensor_msgs", "CameraInfo"), 328, 8, 0, 24, concat(new int[] {
                ADR | TYPE_EXT, 0, (3 << 16) + 28,
                ADR | TYPE_4BY, INFO_HEIGHT,
                ADR | TYPE_4BY, INFO_WIDTH,
                ADR | TYPE_STR, INFO_DISTORTION_MODEL,
                ADR | TYPE_SEQ | SUBTYPE_8BY | FLAG_FP, INFO_D,
                ADR | TYPE_ARR | SUBTYPE_8BY | FLAG_FP, INFO_K, 9,
                ADR | TYPE_ARR | SUBTYPE_8BY | FLAG_FP, INFO_R, 9,
                ADR | TYPE_ARR | SUBTYPE_8BY | FLAG_FP, INFO_P, 12,
                ADR | TYPE_4BY, INFO_BINNING_X,
                ADR | TYPE_4BY, INFO_BINNING_Y,
                ADR | TYPE_EXT, INFO_ROI, (3 << 16) + 15,
                RTS}, HEADER_OPS, new int[] {
                // RegionOfInterest_
                ADR | TYPE_4BY, 0,
                ADR | TYPE_4BY, 4,
                ADR | TYPE_4BY, 8,
                ADR | TYPE_4BY, 12,
                ADR | TYPE_BLN, 16,
                RTS}));
    }

    /** Offset of node_entities_info_seq in ParticipantEntitiesInfo_: the Gid rounded up to 8. */
    static int participantNodesOffset(int gidSize) {
        return (gidSize + 7) & ~7;
    }

    static int participantSize(int gidSize) {
        return participantNodesOffset(gidSize) + 24;
    }

    static TopicType participantEntitiesInfo(int gidSize) {
        int nodes = participantNodesOffset(gidSize);
        return new TopicType(RosNames.ddsType("rmw_dds_common", "ParticipantEntitiesInfo"), participantSize(gidSize), 8, 0,
                10, new int[] {
                        ADR | TYPE_EXT, 0, (3 << 16) + 8,
                        ADR | TYPE_SEQ | SUBTYPE_STU, nodes, NODE_SIZE, (4 << 16) + 9,
                        RTS,
                        // Gid_
                        ADR | TYPE_ARR | SUBTYPE_1BY, 0, gidSize,
                        RTS,
                        // NodeEntitiesInfo_
                        ADR | TYPE_BST, NODE_NAMESPACE, NAME_CAPACITY,
                        ADR | TYPE_BST, NODE_NAME, NAME_CAPACITY,
                        ADR | TYPE_SEQ | SUBTYPE_STU, NODE_READERS, gidSize, (4 << 16) + 0xfff6,
                        ADR | TYPE_SEQ | SUBTYPE_STU, NODE_WRITERS, gidSize, (4 << 16) + 0xfff2,
                        RTS});
    }

    private static int[] concat(int[]... parts) {
        int n = 0;
        for (int[] p : parts) {
            n += p.length;
        }
        int[] out = new int[n];
        int i = 0;
        for (int[] p : parts) {
            System.arraycopy(p, 0, out, i, p.length);
            i += p.length;
        }
        return out;
    }
}
