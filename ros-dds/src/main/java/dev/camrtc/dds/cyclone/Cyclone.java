package dev.camrtc.dds.cyclone;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.camrtc.dds.QosOptions;
import dev.camrtc.dds.Reliability;
import dev.camrtc.dds.RosGraphException;
import java.nio.charset.StandardCharsets;

/** The loaded library plus the small helpers every Cyclone class shares (return codes, QoS, GUIDs). */
final class Cyclone {
    static final int RETCODE_OK = 0;
    static final int RETCODE_PRECONDITION_NOT_MET = -4;
    static final int RETCODE_TIMEOUT = -10;

    final CycloneLibrary lib;
    final String file;
    final String version;

    Cyclone(CycloneLoader.Loaded loaded) {
        this.lib = loaded.lib();
        this.file = loaded.file();
        this.version = loaded.version();
    }

    /** Returns {@code entity} or throws naming the call when it is a negative return code. */
    int check(int entityOrRc, String what) {
        if (entityOrRc < 0) {
            throw new RosGraphException(what + " failed: " + lib.dds_strretcode(entityOrRc) + " (" + entityOrRc + ")");
        }
        return entityOrRc;
    }

    String text(int rc) {
        return lib.dds_strretcode(rc);
    }

    /** The 16-byte DDS GUID of an entity (participant prefix + entity id), the ROS 2 GID's content. */
    byte[] guid(int entity) {
        Memory m = new Memory(16);
        check(lib.dds_get_guid(entity, m), "dds_get_guid");
        return m.getByteArray(0, 16);
    }

    /** A writer QoS for camera data: KEEP_LAST depth, VOLATILE, the requested reliability. Caller deletes it. */
    Pointer writerQos(QosOptions qos) {
        Pointer q = lib.dds_create_qos();
        lib.dds_qset_reliability(q, qos.reliability() == Reliability.RELIABLE
                ? CycloneLibrary.DDS_RELIABILITY_RELIABLE : CycloneLibrary.DDS_RELIABILITY_BEST_EFFORT,
                qos.maxBlockingTime().toNanos());
        lib.dds_qset_durability(q, CycloneLibrary.DDS_DURABILITY_VOLATILE);
        lib.dds_qset_history(q, CycloneLibrary.DDS_HISTORY_KEEP_LAST, qos.depth());
        return q;
    }

    /** A reader QoS: KEEP_LAST depth, VOLATILE, the requested reliability. Caller deletes it. */
    Pointer readerQos(QosOptions qos) {
        Pointer q = lib.dds_create_qos();
        lib.dds_qset_reliability(q, qos.reliability() == Reliability.RELIABLE
                ? CycloneLibrary.DDS_RELIABILITY_RELIABLE : CycloneLibrary.DDS_RELIABILITY_BEST_EFFORT, 0);
        lib.dds_qset_durability(q, CycloneLibrary.DDS_DURABILITY_VOLATILE);
        lib.dds_qset_history(q, CycloneLibrary.DDS_HISTORY_KEEP_LAST, qos.depth());
        return q;
    }

    /** NUL-terminated UTF-8 copy of a string in native memory. */
    static Memory cString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        Memory m = new Memory(b.length + 1L);
        m.write(0, b, 0, b.length);
        m.setByte(b.length, (byte) 0);
        return m;
    }
}
