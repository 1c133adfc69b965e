package dev.camrtc.ros.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.protocol.Announce;
import dev.camrtc.protocol.Message;
import dev.camrtc.protocol.RequestOffer;
import dev.camrtc.protocol.StreamDescription;
import dev.camrtc.protocol.client.SignalingClient;
import dev.camrtc.protocol.client.SignalingOptions;
import dev.camrtc.ros.RosReceiver;
import dev.camrtc.dds.PeerProcess;
import dev.camrtc.ros.session.SessionState.Phase;
import dev.camrtc.sender.RunningSender;
import dev.camrtc.sender.camera.testpattern.TestPatternOptions;
import dev.camrtc.sender.camera.testpattern.TestPatternSource;
import dev.camrtc.sender.cli.SenderConfig;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code --mjpeg-fallback} in the whole receiver: a sender that announces its streams and a real MJPEG URL
 * but never answers {@code request_offer} (its WebRTC side is broken), so WebRTC cannot connect; the receiver
 * must switch to the MJPEG URLs and publish the same topics, and keep asking for offers.
 */
@Tag("media")
class RosReceiverFallbackEndToEndTest {

    @Test
    void whenWebRtcCannotConnectTheMjpegUrlFeedsTheSameTopics() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/";
        AtomicInteger requests = new AtomicInteger();
        try (RosFixture fixture = new RosFixture(54);
             // the camera and its MJPEG server (its own signaling goes nowhere)
             RunningSender camera = RunningSender.start(SenderConfig.parse("--server", "ws://127.0.0.1:9",
                     "--name", "legacy-cam", "--mjpeg-port", Integer.toString(port), "--mjpeg-bind", "127.0.0.1",
                     "--mjpeg-url", url), new TestPatternSource(TestPatternOptions.defaults("legacy-cam")));
             // its broken WebRTC side on the lab's signaling server: announces, never offers
             SignalingClient broken = SignalingClient.connect(SignalingOptions.sender(URI.create(fixture.serverUrl()),
                     "legacy-cam", null), (Message m) -> {
                         if (m instanceof RequestOffer) {
                             requests.incrementAndGet();
                         }
                     })) {
            broken.send(new Announce("legacy-cam", camera.source().streams(), url)).get();
            RosReceiver receiver = fixture.receiver("--sender-name", "legacy-cam", "--mjpeg-fallback");
            try (PeerProcess color = fixture.subscriber("image", "rt/realsense/color/image_raw", "reliable", "volatile",
                    20, 25, "--band")) {
                List<ImageLine> lines = ImageLine.all(color.finish(Duration.ofSeconds(30)));
                assertEquals(20, lines.size());
                assertTrue(lines.stream().allMatch(l -> l.encoding().equals("bgr8") && l.width() == 640
                        && l.frameId().equals("realsense_color_optical_frame")));
                long stamped = lines.stream().filter(l -> l.frameStamp().isPresent()
                        && l.frameStamp().get().captureTimeMillis() == l.stampMillis()).count();
                assertTrue(stamped >= 18, stamped + " of 20 carry their frame stamp as header.stamp");
            }
            assertEquals(Phase.FALLBACK, receiver.session().phase());
            assertTrue(requests.get() >= 1, "asked for an offer first");
        }
    }

    @Test
    void aMalformedMjpegUrlOrStreamNameInTheDirectoryDoesNotStopTheWebRtcRetries() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        try (RosFixture fixture = new RosFixture(54);
             // a careless sender: never offers, announces an mjpeg_url that is no URL and a stream name with a space
             SignalingClient careless = SignalingClient.connect(SignalingOptions.sender(URI.create(fixture.serverUrl()),
                     "careless-cam", null), (Message m) -> {
                         if (m instanceof RequestOffer) {
                             requests.incrementAndGet();
                         }
                     })) {
            careless.send(new Announce("careless-cam", List.of(
                    new StreamDescription("color", 640, 480, 30, "bgr8", null),
                    new StreamDescription("ir cam", 640, 480, 30, "mono8", null)), "http://[not-a-url/")).get();
            RosReceiver receiver = fixture.receiver("--sender-name", "careless-cam", "--mjpeg-fallback");
            long end = System.currentTimeMillis() + 30_000; // offer timeout 5 s, then retries after 0.2 s, 0.4 s, ...
            while (requests.get() < 3 && System.currentTimeMillis() < end) {
                Thread.sleep(50);
            }
            assertTrue(requests.get() >= 3, "request_offer sent " + requests.get() + " times: the retries stopped");
            assertEquals(Phase.REQUESTING_OFFER, receiver.session().phase(), "no fallback from a malformed URL");
        }
    }
}
