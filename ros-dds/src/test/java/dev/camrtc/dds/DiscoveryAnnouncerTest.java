package dev.camrtc.dds;

import dev.camrtc.dds.cyclone.CycloneGraph;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The node announcement on ros_discovery_info, read by a Cyclone C subscriber with the rmw_dds_common
 * types of Jazzy (16-byte Gid) and of Humble (24-byte Gid), transient-local like rmw's own reader.
 */
@Tag("media")
class DiscoveryAnnouncerTest {
    private static final int DOMAIN = 44;

    @Test
    void jazzyLayoutCarriesNodeNameNamespaceAndWriterGids() throws Exception {
        check(RosDistro.JAZZY);
    }

    @Test
    void humbleLayoutCarriesNodeNameNamespaceAndWriterGids() throws Exception {
        check(RosDistro.HUMBLE);
    }

    private void check(RosDistro distro) throws Exception {
        DdsOptions options = DdsTestSupport.options(DOMAIN).withNode("camrtc_test", "/cam2").withDistro(distro);
        try (RosGraph graph = CycloneGraph.open(options);
             ImagePublisher color = graph.imagePublisher("color/image_raw", QosOptions.defaults());
             ImagePublisher ir = graph.imagePublisher("infra1/image_rect_raw", QosOptions.defaults())) {
            // Started after the announcement: transient-local delivers the latest one to late joiners.
            try (PeerProcess sub = new PeerProcess(TestPeers.command(TestPeers.cycloneSubscriber(distro.gidSize()),
                    "discovery", "ros_discovery_info", "reliable", "transient_local", "1", "15"),
                    DdsTestSupport.peerEnv(DOMAIN))) {
                Map<String, String> f = PeerProcess.fields(sub.await("DISCOVERY ", Duration.ofSeconds(15)));
                assertEquals("/cam2|camrtc_test", f.get("node"));
                assertEquals("0", f.get("readers"));
                String gid = f.get("gid");
                assertEquals(distro.gidSize() * 2, gid.length(), "gid hex length");
                assertTrue(gid.substring(32).matches("0*"), "GUID zero-padded: " + gid);
                String[] writers = f.get("writers").split(",");
                assertEquals(2, writers.length);
                for (String w : writers) {
                    assertEquals(distro.gidSize() * 2, w.length());
                    // same participant prefix (first 12 bytes) as the participant GID
                    assertEquals(gid.substring(0, 24), w.substring(0, 24));
                }
            }
            // a closed publisher leaves the announcement
            ir.close();
            try (PeerProcess sub = new PeerProcess(TestPeers.command(TestPeers.cycloneSubscriber(distro.gidSize()),
                    "discovery", "ros_discovery_info", "reliable", "transient_local", "1", "15"),
                    DdsTestSupport.peerEnv(DOMAIN))) {
                Map<String, String> f = PeerProcess.fields(sub.await("DISCOVERY ", Duration.ofSeconds(15)));
                assertEquals(1, f.get("writers").split(",").length);
            }
        }
    }
}
