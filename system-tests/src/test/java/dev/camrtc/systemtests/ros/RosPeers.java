package dev.camrtc.systemtests.ros;

import dev.camrtc.ros.RosReceiver;
import dev.camrtc.ros.cli.ReceiverCommandLine;
import dev.camrtc.dds.PeerProcess;
import dev.camrtc.dds.TestPeers;
import dev.camrtc.ros.session.SessionTimings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The ROS side of an end-to-end test: real ROS receivers (in this process) on one DDS domain, and real Cyclone
 * DDS C subscriber processes (ros-receiver's {@code ros_sub}, built from the IDL by its {@link TestPeers}).
 * DDS stays on {@code lo}; WebRTC crosses the test namespace's veth pair.
 */
public final class RosPeers implements AutoCloseable {
    /** Cyclone on loopback only, with multicast discovery (the test namespace routes 224.0.0.0/4 to lo). */
    private static final String LO_ONLY = "<CycloneDDS><Domain><General><Interfaces>"
            + "<NetworkInterface name=\"lo\" multicast=\"true\"/></Interfaces></General></Domain></CycloneDDS>";

    private final String serverUrl;
    private final int domain;
    private final List<AutoCloseable> open = new ArrayList<>();
    private final List<String> fatal = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** @param serverUrl the signaling server, {@code ws://host:port} */
    public RosPeers(String serverUrl, int domain) {
        this.serverUrl = serverUrl;
        this.domain = domain;
    }

    /** A ROS receiver with the product's default session timings; closed with this. */
    public RosReceiver receiver(String... args) {
        String[] all = Stream.of(Stream.of("--server", serverUrl, "--domain-id", Integer.toString(domain),
                "--dds-config", LO_ONLY), Stream.of(args)).flatMap(x -> x).toArray(String[]::new);
        RosReceiver r = RosReceiver.start(ReceiverCommandLine.parse(all), SessionTimings.defaults(), fatal::add);
        open.add(r);
        return r;
    }

    /** What receivers reported when they gave up (none expected). */
    public List<String> fatalMessages() {
        return List.copyOf(fatal);
    }

    /**
     * A Cyclone C subscriber, ready: {@code ros_sub TYPE TOPIC reliable volatile COUNT TIMEOUT [extra]} (see
     * ros-dds's src/test/dds/c/ros_sub.c for its output lines).
     */
    public PeerProcess subscriber(String type, String ddsTopic, int count, int timeoutSeconds, String... extra)
            throws Exception {
        Path sub = TestPeers.cycloneSubscriber(16);
        List<String> args = new ArrayList<>(List.of(type, ddsTopic, "reliable", "volatile", Integer.toString(count),
                Integer.toString(timeoutSeconds)));
        args.addAll(List.of(extra));
        PeerProcess p = new PeerProcess(TestPeers.command(sub, args.toArray(String[]::new)),
                Map.of("ROS_DOMAIN_ID", Integer.toString(domain), "CYCLONEDDS_URI", LO_ONLY));
        open.add(p);
        p.await("READY", Duration.ofSeconds(15));
        return p;
    }

    /** The IMAGE lines of a finished subscriber, parsed into fields. */
    public static List<Map<String, String>> images(List<String> output) {
        return output.stream().filter(l -> l.startsWith("IMAGE ")).map(PeerProcess::fields).toList();
    }

    /** Images per second between the first and last receive times. */
    public static double hz(List<Map<String, String>> images) {
        long first = Long.parseLong(images.get(0).get("recv_ns"));
        long last = Long.parseLong(images.get(images.size() - 1).get("recv_ns"));
        return (images.size() - 1) / ((last - first) / 1e9);
    }

    /** Closes receivers and subscribers, newest first. */
    @Override
    public void close() {
        for (int i = open.size() - 1; i >= 0; i--) {
            try {
                open.get(i).close();
            } catch (Exception e) {
                // keep closing the rest
            }
        }
    }
}
