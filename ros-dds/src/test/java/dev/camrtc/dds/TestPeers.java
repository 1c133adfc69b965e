package dev.camrtc.dds;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Builds the test peers from ros-dds's src/test/dds at test time, into {@code <target>/dds-peers}:
 * the Cyclone C subscriber and publisher (idlc + gcc) and the Fast DDS C++ subscriber and publisher (fastddsgen + g++).
 * A binary newer than every source it is built from is reused.
 */
public final class TestPeers {
    /** ros-dds's src/test/dds, found from the test classes (also when another module uses this test-jar). */
    static final Path SOURCES = targetDir().getParent().resolve("src/test/dds");
    static final Path IDL = SOURCES.resolve("idl");
    /** The pixels, checksum and CameraInfo values both publishers (ros_pub, fastdds_pub) write. */
    private static final Path TEST_FRAMES = SOURCES.resolve("c/test_frames.h");

    private TestPeers() {
    }

    /**
     * The target directory of ros-dds's build ({@code target-<suffix>}): the parent of its test classes
     * directory, or of its test-jar.
     */
    static Path targetDir() {
        try {
            Path classes = Path.of(TestPeers.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return classes.getParent();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** ros_sub (Cyclone C) with the given rmw_dds_common Gid size (16: Iron and later; 24: Humble). */
    public static synchronized Path cycloneSubscriber(int gidSize) throws IOException, InterruptedException {
        Path dir = targetDir().resolve("dds-peers/cyclone-gid" + gidSize);
        Path binary = dir.resolve("ros_sub");
        List<Path> inputs = List.of(IDL.resolve("RosMessages.idl"), IDL.resolve("RosDiscovery.idl"),
                SOURCES.resolve("c/ros_sub.c"));
        if (upToDate(binary, inputs)) {
            return binary;
        }
        Files.createDirectories(dir);
        run(dir, "idlc", "-Wno-implicit-extensibility", "-o", dir.toString(), IDL.resolve("RosMessages.idl").toString());
        run(dir, "idlc", "-Wno-implicit-extensibility", "-D", "GID_SIZE=" + gidSize, "-o", dir.toString(),
                IDL.resolve("RosDiscovery.idl").toString());
        run(dir, "gcc", "-O2", "-Wall", "-I", dir.toString(), "-o", binary.toString(),
                SOURCES.resolve("c/ros_sub.c").toString(), dir.resolve("RosMessages.c").toString(),
                dir.resolve("RosDiscovery.c").toString(), "-lddsc");
        return binary;
    }

    /** ros_pub (Cyclone C): publishes sensor_msgs/Image (and CameraInfo) with known pixels and stamps. */
    public static synchronized Path cyclonePublisher() throws IOException, InterruptedException {
        Path dir = targetDir().resolve("dds-peers/cyclone-pub");
        Path binary = dir.resolve("ros_pub");
        List<Path> inputs = List.of(IDL.resolve("RosMessages.idl"), SOURCES.resolve("c/ros_pub.c"), TEST_FRAMES);
        if (upToDate(binary, inputs)) {
            return binary;
        }
        Files.createDirectories(dir);
        run(dir, "idlc", "-Wno-implicit-extensibility", "-o", dir.toString(), IDL.resolve("RosMessages.idl").toString());
        run(dir, "gcc", "-O2", "-Wall", "-I", dir.toString(), "-o", binary.toString(),
                SOURCES.resolve("c/ros_pub.c").toString(), dir.resolve("RosMessages.c").toString(), "-lddsc");
        return binary;
    }

    /** descriptor_dump (C) printing idlc's descriptors and sample offsets, idlc run with -t like the bridge. */
    public static synchronized Path descriptorDump(int gidSize) throws IOException, InterruptedException {
        Path dir = targetDir().resolve("dds-peers/descriptors-gid" + gidSize);
        Path binary = dir.resolve("descriptor_dump");
        List<Path> inputs = List.of(IDL.resolve("RosMessages.idl"), IDL.resolve("RosDiscovery.idl"),
                SOURCES.resolve("c/descriptor_dump.c"));
        if (upToDate(binary, inputs)) {
            return binary;
        }
        Files.createDirectories(dir);
        run(dir, "idlc", "-t", "-Wno-implicit-extensibility", "-o", dir.toString(), IDL.resolve("RosMessages.idl").toString());
        run(dir, "idlc", "-t", "-Wno-implicit-extensibility", "-D", "GID_SIZE=" + gidSize, "-o", dir.toString(),
                IDL.resolve("RosDiscovery.idl").toString());
        run(dir, "gcc", "-O0", "-I", dir.toString(), "-o", binary.toString(),
                SOURCES.resolve("c/descriptor_dump.c").toString(), "-lddsc");
        return binary;
    }

    /** fastdds_sub (Fast DDS 2.x C++) for sensor_msgs/msg/Image. */
    public static Path fastDdsSubscriber() throws IOException, InterruptedException {
        return fastDds("fastdds_sub");
    }

    /**
     * fastdds_pub (Fast DDS 2.x C++): publishes sensor_msgs/msg/Image (and CameraInfo) with known pixels and stamps,
     * the same as ros_pub's.
     */
    public static Path fastDdsPublisher() throws IOException, InterruptedException {
        return fastDds("fastdds_pub");
    }

    /** cpp/NAME.cpp built with fastddsgen's types for RosMessages.idl (generated once per directory). */
    private static synchronized Path fastDds(String name) throws IOException, InterruptedException {
        Path dir = targetDir().resolve("dds-peers/fastdds");
        Path binary = dir.resolve(name);
        Path source = SOURCES.resolve("cpp/" + name + ".cpp");
        if (upToDate(binary, List.of(IDL.resolve("RosMessages.idl"), source, SOURCES.resolve("cpp/fastdds_peer.hpp"),
                TEST_FRAMES))) {
            return binary;
        }
        Files.createDirectories(dir);
        Path types = dir.resolve("RosMessages.cxx");
        if (!Files.exists(types)
                || Files.getLastModifiedTime(IDL.resolve("RosMessages.idl")).compareTo(Files.getLastModifiedTime(types)) > 0) {
            run(dir, "fastddsgen", "-replace", "-d", dir.toString(), IDL.resolve("RosMessages.idl").toString());
        }
        run(dir, "g++", "-O1", "-std=c++14", "-I", dir.toString(), "-I", SOURCES.resolve("cpp").toString(),
                "-I", SOURCES.resolve("c").toString(), "-o",
                binary.toString(), source.toString(),
                dir.resolve("RosMessages.cxx").toString(), dir.resolve("RosMessagesPubSubTypes.cxx").toString(),
                "-lfastrtps", "-lfastcdr");
        return binary;
    }

    private static boolean upToDate(Path binary, List<Path> inputs) throws IOException {
        if (!Files.isExecutable(binary)) {
            return false;
        }
        FileTime built = Files.getLastModifiedTime(binary);
        for (Path in : inputs) {
            if (Files.getLastModifiedTime(in).compareTo(built) > 0) {
                return false;
            }
        }
        return true;
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        Path log = dir.resolve("build.log");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(240, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", command));
        }
        if (p.exitValue() != 0) {
            String out;
            try (Stream<String> lines = Files.lines(log)) {
                out = String.join("\n", lines.limit(40).toList());
            }
            throw new IOException("failed (" + p.exitValue() + "): " + String.join(" ", command) + "\n" + out);
        }
    }

    public static List<String> command(Path binary, String... args) {
        List<String> c = new ArrayList<>();
        c.add(binary.toString());
        c.addAll(List.of(args));
        return c;
    }
}
