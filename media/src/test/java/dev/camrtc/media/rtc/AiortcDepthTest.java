package dev.camrtc.media.rtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.camrtc.media.depth.DepthCodec;
import dev.camrtc.media.depth.DepthFrameCodec;
import dev.camrtc.media.depth.DepthFrameHeader;
import dev.camrtc.media.depth.DepthTestPattern;
import dev.camrtc.protocol.SessionDescription;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * PROTOCOL.md 8 against a real third-party peer in both directions. The Java offering side: aiortc
 * (Debian python3-aiortc) answers, takes the depth data channel, reassembles the chunks and decodes raw and
 * RVL in Python with its own code (depth/aiortc_depth_receiver.py, depth/depth_check.py), checking every
 * pixel of every frame. The Java answering side: an aiortc sender encodes with its own RVL encoder and
 * splits frames into small chunks (depth/aiortc_depth_sender.py); every pixel checked in Java.
 */
@Tag("media")
class AiortcDepthTest {

    private static final int W = 160;
    private static final int H = 120;
    private static final int FRAMES = 30;
    private static final String DEPTH = "depth_z16";

    @Test
    void aiortcReceivesExactTestPatternFrames() throws Exception {
        Path script = Path.of(AiortcDepthTest.class.getResource("/depth/aiortc_depth_receiver.py").toURI());
        ObjectMapper json = new ObjectMapper();
        Process python = new ProcessBuilder("/usr/bin/python3", script.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (RtcEngine engine = new RtcEngine()) {
            OfferingPeer peer = engine.createOfferingPeer("r-aiortc", List.of(), List.of(), List.of(DEPTH),
                    PeerSettings.defaults(), PeerListener.NONE);
            LocalOffer offer = peer.createOffer().get(10, TimeUnit.SECONDS);
            BufferedReader out = new BufferedReader(new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8));
            Writer in = new java.io.OutputStreamWriter(python.getOutputStream(), StandardCharsets.UTF_8);
            in.write(json.writeValueAsString(json.createObjectNode().put("sdp", offer.offer().sdp()).put("stream", DEPTH)
                    .put("frames", FRAMES).put("timeout", 30)) + "\n");
            in.flush();
            JsonNode answer = json.readTree(out.readLine());
            peer.applyAnswer(SessionDescription.answer(answer.get("sdp").asText())).get(10, TimeUnit.SECONDS);
            DepthChannelSender sender = peer.depthChannels().get(DEPTH);
            long deadline = System.currentTimeMillis() + 15_000;
            while (!sender.isOpen() && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(sender.isOpen(), "channel open to aiortc");

            DepthFrameCodec codec = new DepthFrameCodec();
            ByteBuffer depth = ByteBuffer.allocateDirect(W * H * 2);
            byte[] payload = new byte[DepthFrameCodec.maxEncodedSize(DepthCodec.RVL, W * H)];
            int sent = 0;
            for (long n = 100; sent < FRAMES && n < 100 + 10L * FRAMES; n++) {
                DepthCodec kind = n % 4 == 3 ? DepthCodec.RAW : DepthCodec.RVL;
                DepthTestPattern.fill(depth, W, H, n);
                int length = codec.encode(kind, depth, W, H, payload, 0);
                DepthFrameHeader header = new DepthFrameHeader(n, System.currentTimeMillis() * 1000, W, H, kind);
                if (sender.send(header, payload, 0, length) == DepthChannelSender.Result.SENT) {
                    sent++;
                }
                Thread.sleep(33);
            }
            assertEquals(FRAMES, sent);
            String line = out.readLine();
            assertTrue(python.waitFor(30, TimeUnit.SECONDS), "aiortc receiver exits");
            JsonNode summary = json.readTree(line);
            assertEquals(FRAMES, summary.get("frames").asInt(), summary.toString());
            assertEquals(FRAMES, summary.get("exact").asInt(), summary.toString());
            assertEquals(0, summary.get("dropped").asInt(), summary.toString());
            assertEquals("[0,1]", summary.get("codecs").toString(), "raw and RVL both decoded");
            assertTrue(summary.get("ordered").asBoolean(), "aiortc sees an ordered channel");
            assertTrue(summary.get("reliable").asBoolean(), "aiortc sees a reliable channel");
            peer.close();
        } finally {
            python.destroy();
        }
    }

    @Test
    void theJavaReceiverTakesAnAiortcSendersFramesSplitIntoSmallChunks() throws Exception {
        int frames = 20;
        Path script = Path.of(AiortcDepthTest.class.getResource("/depth/aiortc_depth_sender.py").toURI());
        ObjectMapper json = new ObjectMapper();
        Process python = new ProcessBuilder("/usr/bin/python3", script.toString(), DEPTH, Integer.toString(W),
                Integer.toString(H), Integer.toString(frames), "1000").redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Long> counters = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.Set<DepthCodec> codecs = java.util.concurrent.ConcurrentHashMap.newKeySet();
        DepthFrameCodec codec = new DepthFrameCodec();
        ByteBuffer pixels = ByteBuffer.allocate(W * H * 2);
        DepthFrameListener checker = f -> {
            try {
                f.decodeInto(codec, pixels);
                String mismatch = DepthTestPattern.firstMismatch(pixels, W, H, f.header().counter());
                if (mismatch != null) {
                    failures.add("frame " + f.header().counter() + ": " + mismatch);
                }
                codecs.add(f.header().codec());
                counters.add(f.header().counter());
            } catch (RuntimeException e) {
                failures.add(e.toString());
            }
        };
        try (RtcEngine engine = new RtcEngine()) {
            BufferedReader out = new BufferedReader(new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8));
            Writer in = new java.io.OutputStreamWriter(python.getOutputStream(), StandardCharsets.UTF_8);
            JsonNode offer = json.readTree(out.readLine());
            AnsweringPeer peer = engine.createAnsweringPeer("s-aiortc", List.of(), PeerSettings.defaults(),
                    PeerListener.NONE, f -> { }, checker);
            SessionDescription answer = peer.acceptOffer(SessionDescription.offer(offer.get("sdp").asText()), List.of(),
                    List.of(dev.camrtc.protocol.StreamDescription.depthDataChannel(DEPTH, W, H, 30, 0.001)))
                    .get(10, TimeUnit.SECONDS);
            in.write(json.writeValueAsString(json.createObjectNode().put("sdp", answer.sdp())) + "\n");
            in.flush();
            JsonNode summary = json.readTree(out.readLine());
            assertEquals(frames, summary.get("frames").asInt(), summary.toString());
            assertTrue(summary.get("messages").asInt() > 5 * frames, "frames span many chunks: " + summary);
            long deadline = System.currentTimeMillis() + 10_000;
            while (peer.depthCounters().getOrDefault(DEPTH, new DepthChannelCounters(0, 0, 0, 0, 0)).framesReceived()
                    < frames && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            DepthChannelCounters c = peer.depthCounters().get(DEPTH);
            assertEquals(frames, c.framesReceived(), String.valueOf(c));
            assertEquals(0, c.framesDropped(), c.toString());
            assertEquals(0, c.chunksDropped(), c.toString());
            assertEquals(List.of(), failures);
            assertTrue(counters.size() >= frames / 2, "delivered " + counters);
            assertEquals(java.util.Set.of(DepthCodec.RAW, DepthCodec.RVL), codecs);
            in.write("done\n");
            in.flush();
            peer.close();
            assertTrue(python.waitFor(20, TimeUnit.SECONDS), "aiortc sender exits");
        } finally {
            python.destroy();
        }
    }
}
