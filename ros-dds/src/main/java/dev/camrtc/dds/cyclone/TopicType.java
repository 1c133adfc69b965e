package dev.camrtc.dds.cyclone;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

/**
 * A Cyclone 0.10 {@code dds_topic_descriptor_t} built in native memory from op codes (see
 * {@link RosTypes}). Layout on LP64: uint32 m_size @0, m_align @4, m_flagset @8, m_nkeys @12;
 * char* m_typename @16; key descriptors* @24; uint32 m_nops @32; uint32* m_ops @40; char* m_meta @48;
 * type_information {ptr, uint32} @56; type_mapping @72; uint32 restrict_data_representation @88;
 * 96 bytes. No XTypes type information is attached (flag unset), as with rmw_cyclonedds, so
 * peers match on the type name.
 *
 * <p>The memory lives as long as this object; topics using it must be deleted first.
 */
final class TopicType {
    /** {@code DDS_OP_*} codes of {@code dds/ddsc/dds_opcodes.h}. */
    static final int RTS = 0;
    static final int ADR = 0x01 << 24;
    static final int TYPE_1BY = 0x01 << 16;
    static final int TYPE_4BY = 0x03 << 16;
    static final int TYPE_8BY = 0x04 << 16;
    static final int TYPE_STR = 0x05 << 16;
    static final int TYPE_BST = 0x06 << 16;
    static final int TYPE_SEQ = 0x07 << 16;
    static final int TYPE_ARR = 0x08 << 16;
    static final int TYPE_EXT = 0x0d << 16;
    static final int TYPE_BLN = 0x0e << 16;
    static final int SUBTYPE_1BY = 0x01 << 8;
    static final int SUBTYPE_8BY = 0x04 << 8;
    static final int SUBTYPE_STU = 0x0a << 8;
    static final int FLAG_FP = 1 << 1;
    static final int FLAG_SGN = 1 << 2;

    static final int DESCRIPTOR_SIZE = 96;

    private final String name;
    private final int sampleSize;
    private final int align;
    private final int flags;
    private final int nops;
    private final int[] ops;
    private final Memory descriptor;
    // Referenced so that the memory they point into is not freed while the descriptor lives.
    private final Memory typeName;
    private final Memory opsMemory;
    private final Memory meta;

    TopicType(String name, int sampleSize, int align, int flags, int nops, int[] ops) {
        this.name = name;
        this.sampleSize = sampleSize;
        this.align = align;
        this.flags = flags;
        this.nops = nops;
        this.ops = ops.clone();
        typeName = new Memory(name.length() + 1L);
        typeName.setString(0, name, "US-ASCII");
        opsMemory = new Memory(4L * ops.length);
        opsMemory.write(0, ops, 0, ops.length);
        meta = new Memory(1);
        meta.setByte(0, (byte) 0);
        descriptor = new Memory(DESCRIPTOR_SIZE);
        descriptor.clear();
        descriptor.setInt(0, sampleSize);
        descriptor.setInt(4, align);
        descriptor.setInt(8, flags);
        descriptor.setInt(12, 0);
        descriptor.setPointer(16, typeName);
        descriptor.setPointer(24, null);
        descriptor.setInt(32, nops);
        descriptor.setPointer(40, opsMemory);
        descriptor.setPointer(48, meta);
    }

    String name() {
        return name;
    }

    int sampleSize() {
        return sampleSize;
    }

    int align() {
        return align;
    }

    int flags() {
        return flags;
    }

    int nops() {
        return nops;
    }

    int[] ops() {
        return ops.clone();
    }

    Pointer descriptor() {
        return descriptor;
    }
}
