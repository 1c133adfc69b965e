package dev.camrtc.ros.e2e;

import dev.camrtc.ros.RosReceiver;
import dev.camrtc.ros.cli.ReceiverCommandLine;
import dev.camrtc.dds.PeerProcess;
import dev.camrtc.dds.TestPeers;
import dev.camrtc.ros.session.EngineRenewal;
import dev.camrtc.ros.session.SessionTimings;
import dev.camrtc.sender.RunningSender;
import dev.camrtc.sender.camera.testpattern.TestPatternOptions;
import dev.camrtc.sender.camera.testpattern.TestPatternSource;
import dev.camrtc.sender.cli.SenderConfig;
import dev.camrtc.server.ServerConfig;
import dev.camrtc.server.SignalingServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real signaling server, real test-pattern senders and real ROS receivers in this process, and real
 * Cyclone DDS subscriber processes (built from the IDL by {@link TestPeers}); DDS on {@code lo} by default.
 */
final class RosFixture implements AutoCloseable {
    static final String SENDER = "ros-e2e-cam";
    /** Cyclone on loopback only, with multicast discovery (the test namespace routes 224.0.0.0/4 to lo). */
    static final String LO_ONLY = "<CycloneDDS><Domain><General><Interfaces>"
            + "<NetworkInterface name=\"lo\" multicast=\"true\"/></Interfaces></General></Domain></CycloneDDS>";
    static final SessionTimings FAST = new SessionTimings(Duration.ofMillis(300), Duration.ofSeconds(5),
            Duration.ofSeconds(8), Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofSeconds(3),
            Duration.ofSeconds(5));

    final int domain;
    private SignalingServer server;
    /** Cyclone configuration of the receivers and Cyclone subscribers; null = Cyclone's own choice of interface. */
    private final String ddsConfig;
    private final List<AutoCloseable> open = new ArrayList<>();
    private final List<String> fatal = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** DDS on lo only ({@link #LO_ONLY}). */
    RosFixture(int domain) {
        this(domain, LO_ONLY);
    }

    /**
     * @param ddsConfig Cyclone XML for receivers and Cyclone subscribers, or null for Cyclone's default (its
     *                  first multicast-capable interface: a veth of the test namespace). Fast DDS uses every
     *                  interface and advertises non-loopback addresses, which a lo-only Cyclone drops.
     */
    RosFixture(int domain, String ddsConfig) {
        this.domain = domain;
        this.ddsConfig = ddsConfig;
        this.server = SignalingServer.start(ServerConfig.builder().host("127.0.0.1").port(0).build());
    }

    /** Stops the signaling server and starts a new one on the same port (clients see their connection drop). */
    void restartServer() {
        int port = server.port();
        server.close();
        server = SignalingServer.start(ServerConfig.builder().host("127.0.0.1").port(port).build());
    }

    String serverUrl() {
        return "ws://127.0.0.1:" + server.port();
    }

    /** A test-pattern sender whose streams carry intrinsics; closed with the fixture unless closed before. */
    RunningSender sender(String name, String... extraArgs) {
        String[] args = Stream.concat(Stream.of("--server", serverUrl(), "--name", name, "--mjpeg-port", "0"),
                Stream.of(extraArgs)).toArray(String[]::new);
        RunningSender s = RunningSender.start(SenderConfig.parse(args),
                new IntrinsicsSource(new TestPatternSource(TestPatternOptions.defaults(name))));
        open.add(s);
        return s;
    }

    /** A ROS receiver on this fixture's server and domain, Cyclone on lo. */
    RosReceiver receiver(String... args) {
        return receiver(EngineRenewal.DEFAULT_RENEW_AFTER_MESSAGES, args);
    }

    /** As {@link #receiver(String...)}, renewing its WebRTC engine after {@code renewAfterMessages}. */
    RosReceiver receiver(long renewAfterMessages, String... args) {
        Stream<String> dds = ddsConfig == null ? Stream.of() : Stream.of("--dds-config", ddsConfig);
        String[] all = Stream.of(Stream.of("--server", serverUrl(), "--domain-id", Integer.toString(domain)), dds,
                Stream.of(args)).flatMap(x -> x).toArray(String[]::new);
        RosReceiver r = RosReceiver.start(ReceiverCommandLine.parse(all), FAST, renewAfterMessages, fatal::add);
        open.add(r);
        return r;
    }

    List<String> fatalMessages() {
        return List.copyOf(fatal);
    }

    /** A Cyclone C subscriber: {@code ros_sub TYPE TOPIC RELIABILITY DURABILITY COUNT TIMEOUT [extra]}, READY. */
    PeerProcess subscriber(String type, String ddsTopic, String reliability, String durability, int count,
                           int timeoutSeconds, String... extra) throws Exception {
        Path sub = TestPeers.cycloneSubscriber(16);
        List<String> args = new ArrayList<>(List.of(type, ddsTopic, reliability, durability, Integer.toString(count),
                Integer.toString(timeoutSeconds)));
        args.addAll(List.of(extra));
        PeerProcess p = new PeerProcess(TestPeers.command(sub, args.toArray(String[]::new)), peerEnv());
        open.add(p);
        p.await("READY", Duration.ofSeconds(15));
        return p;
    }

    /** The Fast DDS C++ subscriber: {@code fastdds_sub TOPIC RELIABILITY COUNT TIMEOUT}, READY. */
    PeerProcess fastDdsSubscriber(String ddsTopic, String reliability, int count, int timeoutSeconds)
            throws Exception {
        Path sub = TestPeers.fastDdsSubscriber();
        PeerProcess p = new PeerProcess(TestPeers.command(sub, ddsTopic, reliability, Integer.toString(count),
                Integer.toString(timeoutSeconds)), Map.of("ROS_DOMAIN_ID", Integer.toString(domain)));
        open.add(p);
        p.await("READY", Duration.ofSeconds(15));
        return p;
    }

    Map<String, String> peerEnv() {
        return ddsConfig == null ? Map.of("ROS_DOMAIN_ID", Integer.toString(domain))
                : Map.of("ROS_DOMAIN_ID", Integer.toString(domain), "CYCLONEDDS_URI", ddsConfig);
    }

    String ddsConfig() {
        return ddsConfig;
    }

    /** Closes receivers first (peers, engine, DDS), then senders, subscribers, the server. */
    @Override
    public void close() {
        for (int i = open.size() - 1; i >= 0; i--) {
            try {
                open.get(i).close();
            } catch (Exception e) {
                // keep closing the rest
            }
        }
        server.close();
    }
}
