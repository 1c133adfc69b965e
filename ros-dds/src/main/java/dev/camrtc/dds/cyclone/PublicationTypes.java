package dev.camrtc.dds.cyclone;

import com.sun.jna.Memory;
import dev.camrtc.dds.RosGraphException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the graph's publishers publish, from DDS discovery itself: a reader of the built-in
 * DCPSPublication topic ({@code dds_builtintopic_endpoint_t}: key @0, participant key @16, participant
 * handle @32, {@code char* topic_name} @40, {@code char* type_name} @48, 64 bytes on LP64), read (not
 * taken) with loans, alive writers only. Lets a subscriber say what a topic carries when it is not the
 * type it reads.
 */
final class PublicationTypes implements AutoCloseable {
    /** {@code DDS_BUILTIN_TOPIC_DCPSPUBLICATION}: DDS_MIN_PSEUDO_HANDLE (0x7fff0000) + 3. */
    static final int DCPS_PUBLICATION = 0x7fff0003;
    private static final int TOPIC_NAME = 40;
    private static final int TYPE_NAME = 48;
    /** DDS_ANY_SAMPLE_STATE | DDS_ANY_VIEW_STATE | DDS_ALIVE_INSTANCE_STATE. */
    private static final int ALIVE = 1 | 2 | 4 | 8 | 16;
    /** Writers looked at per call; a robot's graph has far fewer. */
    private static final int MAX = 512;
    private static final int NAME_LIMIT = 512;

    private final Cyclone dds;
    private final int reader;
    private final Memory buffers = new Memory(8L * MAX);
    private final Memory infos = new Memory((long) CycloneLibrary.SAMPLE_INFO_SIZE * MAX);

    PublicationTypes(Cyclone dds, int participant) {
        this.dds = dds;
        this.reader = dds.check(dds.lib.dds_create_reader(participant, DCPS_PUBLICATION, null, null),
                "dds_create_reader DCPSPublication");
    }

    /** DDS type names of the alive writers on DDS topic {@code ddsTopic}, without repeats. */
    synchronized List<String> types(String ddsTopic) {
        buffers.setPointer(0, null);
        int n = dds.lib.dds_read_mask(reader, buffers, infos, MAX, MAX, ALIVE);
        if (n < 0) {
            throw new RosGraphException("reading DCPSPublication failed: " + dds.text(n));
        }
        List<String> out = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                if (infos.getByte((long) i * CycloneLibrary.SAMPLE_INFO_SIZE + CycloneLibrary.SAMPLE_INFO_VALID_DATA) == 0) {
                    continue;
                }
                var sample = buffers.getPointer(8L * i);
                String topic = CycloneReader.boundedString(sample.getPointer(TOPIC_NAME), NAME_LIMIT);
                String type = CycloneReader.boundedString(sample.getPointer(TYPE_NAME), NAME_LIMIT);
                if (ddsTopic.equals(topic) && type != null && !out.contains(type)) {
                    out.add(type);
                }
            }
        } finally {
            if (n > 0) {
                dds.lib.dds_return_loan(reader, buffers, n);
            }
        }
        return out;
    }

    @Override
    public void close() {
        dds.lib.dds_delete(reader);
    }
}
