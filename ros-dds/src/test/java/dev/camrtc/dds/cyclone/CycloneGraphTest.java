package dev.camrtc.dds.cyclone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.media.frame.PixelFormat;
import dev.camrtc.dds.DdsOptions;
import dev.camrtc.dds.DdsTestSupport;
import dev.camrtc.dds.ImagePublisher;
import dev.camrtc.dds.PeerProcess;
import dev.camrtc.dds.QosOptions;
import dev.camrtc.dds.RosGraph;
import dev.camrtc.dds.RosGraphException;
import dev.camrtc.dds.TestPeers;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Graph lifetime and Cyclone configuration, with a real C subscriber. */
@Tag("media")
class CycloneGraphTest {
    /** Loopback only, no multicast, the peer found by unicast, 4 MB receive buffer. */
    static final String LO_UNICAST = "<CycloneDDS><Domain><General><Interfaces><NetworkInterface name=\"lo\"/></Interfaces>"
            + "<AllowMulticast>false</AllowMulticast></General>"
            + "<Discovery><Peers><Peer address=\"127.0.0.1\"/></Peers><ParticipantIndex>auto</ParticipantIndex></Discovery>"
            + "<Internal><SocketReceiveBufferSize min=\"default\" max=\"4MB\"/></Internal></Domain></CycloneDDS>";

    @Test
    void cycloneXmlIsAppliedAndTheSubscriberReceivesOverUnicastLoopback() throws Exception {
        int domain = 48;
        DdsOptions options = DdsTestSupport.options(domain).withCycloneXml(LO_UNICAST);
        try (RosGraph graph = CycloneGraph.open(options);
             ImagePublisher pub = graph.imagePublisher("/xml/image", QosOptions.defaults());
             PeerProcess sub = new PeerProcess(TestPeers.command(TestPeers.cycloneSubscriber(16), "image", "rt/xml/image",
                     "reliable", "volatile", "1", "15"), Map.of("ROS_DOMAIN_ID", "" + domain, "CYCLONEDDS_URI", LO_UNICAST))) {
            sub.await("READY", Duration.ofSeconds(10));
            DdsTestSupport.awaitSubscribers(pub, 1, Duration.ofSeconds(10));
            assertTrue(pub.publish(DdsTestSupport.frame(PixelFormat.MONO8, 320, 240, 3, true), Instant.now(), "lo"));
            assertTrue(sub.await("IMAGE ", Duration.ofSeconds(10)).contains("w=320 h=240 enc=mono8"));
        }
    }

    @Test
    void brokenXmlFailsWithCyclonesReason() {
        RosGraphException e = assertThrows(RosGraphException.class,
                () -> CycloneGraph.open(DdsTestSupport.options(49).withCycloneXml("<CycloneDDS><Domain><NoSuchSetting>1</NoSuchSetting></Domain></CycloneDDS>")));
        assertTrue(e.getMessage().contains("dds_create_domain 49"), e.getMessage());
    }

    @Test
    void graphsShareADomainAndCloseIsIdempotent() {
        RosGraph a = CycloneGraph.open(DdsTestSupport.options(50).withNode("a", "/x"));
        RosGraph b = CycloneGraph.open(DdsTestSupport.options(50).withNode("b", "/"));
        assertEquals("/x/a", a.nodeFullName());
        assertEquals("/b", b.nodeFullName());
        ImagePublisher pa = a.imagePublisher("t", QosOptions.defaults());
        a.close();
        a.close();
        assertThrows(IllegalStateException.class, () -> pa.publish(DdsTestSupport.frame(PixelFormat.MONO8, 2, 2, 0, true),
                Instant.now(), "f"));
        assertThrows(IllegalStateException.class, () -> a.imagePublisher("t2", QosOptions.defaults()));
        // b still works after a closed: the shared domain stays until its last graph closes
        try (ImagePublisher pb = b.imagePublisher("t", QosOptions.defaults())) {
            assertTrue(pb.publish(DdsTestSupport.frame(PixelFormat.MONO8, 2, 2, 0, true), Instant.now(), "f"));
        }
        b.close();
    }
}
