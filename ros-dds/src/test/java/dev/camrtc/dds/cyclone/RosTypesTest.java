package dev.camrtc.dds.cyclone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.dds.TestPeers;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Every number of the Java topic descriptors and sample offsets against what Cyclone's idlc generates for
 * src/test/dds/idl (descriptor_dump.c, compiled at test time against idlc's output, prints them).
 */
class RosTypesTest {

    @Test
    void descriptorsMatchIdlcForJazzyGids() throws Exception {
        Map<String, String> dump = dump(16);
        check(dump, RosTypes.image());
        check(dump, RosTypes.compressedImage());
        check(dump, RosTypes.cameraInfo());
        check(dump, RosTypes.participantEntitiesInfo(16));
        checkOffsets(dump, 16);
    }

    @Test
    void descriptorsMatchIdlcForHumbleGids() throws Exception {
        Map<String, String> dump = dump(24);
        check(dump, RosTypes.participantEntitiesInfo(24));
        checkOffsets(dump, 24);
    }

    private static void check(Map<String, String> dump, TopicType type) {
        String line = dump.get(type.name());
        assertTrue(line != null, "idlc has no " + type.name() + ": " + dump.keySet());
        Map<String, String> f = fields(line);
        assertEquals(f.get("size"), Integer.toString(type.sampleSize()), type.name() + " size");
        assertEquals(f.get("align"), Integer.toString(type.align()), type.name() + " align");
        assertEquals(f.get("flags"), Integer.toString(type.flags()), type.name() + " flags");
        assertEquals(f.get("nops"), Integer.toString(type.nops()), type.name() + " nops");
        String javaOps = String.join(",", Arrays.stream(type.ops()).mapToObj(Integer::toUnsignedString).toList());
        assertEquals(f.get("ops"), javaOps, type.name() + " ops");
    }

    private static void checkOffsets(Map<String, String> dump, int gidSize) {
        Map<String, String> o = new HashMap<>();
        for (String line : dump.get("offsets").split("\n")) {
            o.putAll(fields(line));
        }
        assertEquals(o.get("Time_.nanosec"), "" + RosTypes.HEADER_NANOSEC);
        assertEquals(o.get("Header_.frame_id"), "" + RosTypes.HEADER_FRAME_ID);
        assertEquals(o.get("sequence._maximum"), "" + RosTypes.SEQ_MAXIMUM);
        assertEquals(o.get("sequence._length"), "" + RosTypes.SEQ_LENGTH);
        assertEquals(o.get("sequence._buffer"), "" + RosTypes.SEQ_BUFFER);
        assertEquals(o.get("sequence._release"), "" + RosTypes.SEQ_RELEASE);
        assertEquals(o.get("Image_.height"), "" + RosTypes.IMAGE_HEIGHT);
        assertEquals(o.get("Image_.width"), "" + RosTypes.IMAGE_WIDTH);
        assertEquals(o.get("Image_.encoding"), "" + RosTypes.IMAGE_ENCODING);
        assertEquals(o.get("Image_.is_bigendian"), "" + RosTypes.IMAGE_IS_BIGENDIAN);
        assertEquals(o.get("Image_.step"), "" + RosTypes.IMAGE_STEP);
        assertEquals(o.get("Image_.data"), "" + RosTypes.IMAGE_DATA);
        assertEquals(o.get("CompressedImage_.format"), "" + RosTypes.COMPRESSED_FORMAT);
        assertEquals(o.get("CompressedImage_.data"), "" + RosTypes.COMPRESSED_DATA);
        assertEquals(o.get("CameraInfo_.height"), "" + RosTypes.INFO_HEIGHT);
        assertEquals(o.get("CameraInfo_.width"), "" + RosTypes.INFO_WIDTH);
        assertEquals(o.get("CameraInfo_.distortion_model"), "" + RosTypes.INFO_DISTORTION_MODEL);
        assertEquals(o.get("CameraInfo_.d"), "" + RosTypes.INFO_D);
        assertEquals(o.get("CameraInfo_.k"), "" + RosTypes.INFO_K);
        assertEquals(o.get("CameraInfo_.r"), "" + RosTypes.INFO_R);
        assertEquals(o.get("CameraInfo_.p"), "" + RosTypes.INFO_P);
        assertEquals(o.get("CameraInfo_.binning_x"), "" + RosTypes.INFO_BINNING_X);
        assertEquals(o.get("CameraInfo_.binning_y"), "" + RosTypes.INFO_BINNING_Y);
        assertEquals(o.get("CameraInfo_.roi"), "" + RosTypes.INFO_ROI);
        assertEquals(o.get("ParticipantEntitiesInfo_.node_entities_info_seq"), "" + RosTypes.participantNodesOffset(gidSize));
        assertEquals(o.get("NodeEntitiesInfo_.node_name"), "" + RosTypes.NODE_NAME);
        assertEquals(o.get("NodeEntitiesInfo_.reader_gid_seq"), "" + RosTypes.NODE_READERS);
        assertEquals(o.get("NodeEntitiesInfo_.writer_gid_seq"), "" + RosTypes.NODE_WRITERS);
        assertEquals(o.get("NodeEntitiesInfo_"), "" + RosTypes.NODE_SIZE);
        assertEquals(o.get("Gid_"), "" + gidSize);
    }

    /** Lines of descriptor_dump keyed by type name; all "offsets" lines joined under "offsets". */
    private static Map<String, String> dump(int gidSize) throws Exception {
        Path binary = TestPeers.descriptorDump(gidSize);
        Process p = new ProcessBuilder(binary.toString()).redirectErrorStream(true).start();
        List<String> lines = new String(p.getInputStream().readAllBytes()).lines().toList();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), lines.toString());
        Map<String, String> out = new HashMap<>();
        StringBuilder offsets = new StringBuilder();
        for (String line : lines) {
            if (line.startsWith("offsets ")) {
                offsets.append(line).append('\n');
            } else {
                out.put(line.substring(0, line.indexOf(' ')), line);
            }
        }
        out.put("offsets", offsets.toString());
        return out;
    }

    private static Map<String, String> fields(String line) {
        Map<String, String> out = new HashMap<>();
        for (String part : line.trim().split("\\s+")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                out.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return out;
    }
}
