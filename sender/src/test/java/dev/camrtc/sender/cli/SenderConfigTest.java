package dev.camrtc.sender.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SenderConfigTest {

    private static SenderConfig parse(String... args) {
        return SenderConfig.parse(args);
    }

    private static String error(String... args) {
        return assertThrows(IllegalArgumentException.class, () -> parse(args)).getMessage();
    }

    @Test
    void defaultsNeedNoFlag() {
        SenderConfig c = parse();
        assertEquals(URI.create("ws://127.0.0.1:8080"), c.server());
        assertEquals(Optional.empty(), c.name());
        assertEquals("H264", c.codec());
        assertEquals(4_000_000, c.maxBitrateBps());
        assertEquals(1_500_000, c.minBitrateBps());
        assertFalse(c.trickle());
        assertEquals(new dev.camrtc.sender.webrtc.SessionLimits(8, java.time.Duration.ofSeconds(30)), c.sessionLimits());
        assertEquals(8000, c.mjpegPort());
        assertTrue(c.mjpegUrl().orElseThrow().toString().endsWith(":8000/"), c.mjpegUrl().toString());
    }

    @Test
    void readmeCommandLine() {
        SenderConfig c = parse("--server", "ws://127.0.0.1:8080", "--name", "lab-cam");
        assertEquals(Optional.of("lab-cam"), c.name());
        assertEquals(URI.create("ws://127.0.0.1:8080/ws/sender"), c.senderEndpoint());
    }

    @Test
    void serverPathIsNormalised() {
        assertEquals(URI.create("wss://h.example:9/ws/sender"), parse("--server", "wss://h.example:9/ws/sender").senderEndpoint());
        assertEquals(URI.create("ws://h:1/base/ws/sender"), parse("--server", "ws://h:1/base/").senderEndpoint());
    }

    @Test
    void everyFlagIsApplied() {
        SenderConfig c = parse("--codec", "h264", "--max-bitrate", "3000", "--min-bitrate", "0", "--trickle",
                "--mjpeg-port", "8010", "--mjpeg-url", "http://10.0.0.5:8010/", "--token", "s3cret",
                "--max-sessions", "3", "--answer-timeout", "5");
        assertEquals(new dev.camrtc.sender.webrtc.SessionLimits(3, java.time.Duration.ofSeconds(5)), c.sessionLimits());
        assertEquals("H264", c.codec());
        assertEquals(3_000_000, c.maxBitrateBps());
        assertEquals(0, c.minBitrateBps());
        assertTrue(c.trickle());
        assertEquals(URI.create("http://10.0.0.5:8010/"), c.mjpegUrl().orElseThrow());
        assertEquals(Optional.of("s3cret"), c.token());
    }

    @Test
    void cameraFlagsReachTheSourceOptions() {
        SenderConfig c = parse("--source", "bag:/tmp/x.bag", "--serial", "123", "--color-profile", "1280x720x15",
                "--enable-depth", "--always-on", "--depth-near", "100", "--depth-far", "2000", "--name", "cam");
        assertEquals("bag:/tmp/x.bag", c.source());
        assertEquals("123", c.sourceOptions().serial());
        assertEquals(1280, c.sourceOptions().colorProfile().width());
        assertEquals(15, c.sourceOptions().colorProfile().fps());
        assertEquals(640, c.sourceOptions().infraProfile().width());
        assertTrue(c.sourceOptions().enableDepth());
        assertFalse(c.sourceOptions().enableInfra2());
        assertTrue(c.sourceOptions().alwaysOn());
        assertEquals(100, c.sourceOptions().depthNear());
        assertEquals("cam", c.sourceOptions().label());
        assertEquals("auto", parse().source());
    }

    @Test
    void alignDepthNeedsEnableDepth() {
        assertTrue(parse("--source", "bag:/tmp/x.bag", "--enable-depth", "--align-depth").sourceOptions().alignDepth());
        assertFalse(parse("--enable-depth").sourceOptions().alignDepth());
        assertEquals("--align-depth aligns depth to color: add --enable-depth", error("--align-depth"));
    }

    @Test
    void badCameraFlagsNameTheFlag() {
        assertTrue(error("--color-profile", "640x480").startsWith("--color-profile"));
        assertTrue(error("--infra-profile", "0x480x30").startsWith("--infra-profile"));
        assertTrue(error("--depth-near", "5000").startsWith("--depth-near"));
        assertTrue(error("--jpeg-quality", "0").startsWith("--jpeg-quality"));
        assertTrue(error("--source", " ").startsWith("--source"));
    }

    @Test
    void unknownFlagsAndMissingValuesAreOneLine() {
        String unknown = error("--bogus");
        assertTrue(unknown.contains("--bogus") && !unknown.contains("\n"), unknown);
        assertTrue(error("--max-bitrate", "fast").contains("--max-bitrate"));
        assertTrue(error("--name").contains("--name"));
    }

    @Test
    void publicUrlIsAnAlias() {
        assertEquals(URI.create("http://robot.lab:8000/"),
                parse("--public-url", "http://robot.lab:8000/").mjpegUrl().orElseThrow());
    }

    @Test
    void theAnnouncedMjpegUrlUsesTheBindAddressWhenItIsNotAWildcard() {
        assertEquals(URI.create("http://127.0.0.1:8000/"), parse("--mjpeg-bind", "127.0.0.1").mjpegUrl().orElseThrow());
        assertEquals(URI.create("http://[::1]:8000/"), parse("--mjpeg-bind", "::1").mjpegUrl().orElseThrow());
        assertEquals(URI.create("http://" + HostAddress.firstNonLoopback() + ":8000/"),
                parse("--mjpeg-bind", "0.0.0.0").mjpegUrl().orElseThrow());
    }

    @Test
    void mjpegPortZeroDisablesTheUrl() {
        assertEquals(Optional.empty(), parse("--mjpeg-port", "0").mjpegUrl());
        assertTrue(error("--mjpeg-port", "0", "--mjpeg-url", "http://a:1/").contains("--mjpeg-port 0"));
    }

    @Test
    void badValuesGiveOneLineNamingTheFlag() {
        assertTrue(error("--server", "http://x:8080").startsWith("--server"));
        assertTrue(error("--server", "ws://x:8080/?token=a").startsWith("--server"));
        assertTrue(error("--server", "::nonsense").startsWith("--server"));
        assertTrue(error("--name", "lab cam").startsWith("--name"));
        assertTrue(error("--name", "x".repeat(65)).startsWith("--name"));
        assertTrue(error("--codec", "theora").contains("VP8, VP9, H264, AV1"));
        assertTrue(error("--max-bitrate", "10").startsWith("--max-bitrate"));
        assertTrue(error("--min-bitrate", "5000", "--max-bitrate", "4000").startsWith("--min-bitrate"));
        assertTrue(error("--mjpeg-port", "70000").startsWith("--mjpeg-port"));
        assertTrue(error("--mjpeg-url", "ftp://x/").startsWith("--mjpeg-url"));
        assertTrue(error("--max-sessions", "0").startsWith("--max-sessions"));
        assertTrue(error("--answer-timeout", "0").startsWith("--answer-timeout"));
        for (String message : new String[] {error("--codec", "x"), error("--name", "a b")}) {
            assertFalse(message.contains("\n"), message);
        }
    }

    @Test
    void hostAddressIsANonLoopbackAddressOfThisHost() throws Exception {
        java.util.Set<String> own = new java.util.HashSet<>();
        boolean hasOther = false;
        for (java.net.NetworkInterface nif : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            for (java.net.InetAddress a : java.util.Collections.list(nif.getInetAddresses())) {
                own.add(a.getHostAddress().replaceAll("%.*", ""));
                hasOther |= nif.isUp() && !a.isLoopbackAddress() && !a.isLinkLocalAddress();
            }
        }
        String address = HostAddress.firstNonLoopback().replaceAll("[\\[\\]]", "");
        if (hasOther) {
            assertTrue(own.contains(address), address + " not in " + own);
            assertFalse(java.net.InetAddress.getByName(address).isLoopbackAddress(), address);
        } else {
            assertEquals("127.0.0.1", address);
        }
        assertEquals(8000, HostAddress.mjpegUrl("0.0.0.0", 8000).getPort());
    }

    @Test
    void allowedOriginsAreRepeatableAndChecked() {
        assertEquals(java.util.List.of(), parse().allowedOrigins());
        assertEquals(java.util.List.of("https://ops.example.org", "*", "http://10.0.0.5:8080"),
                parse("--allowed-origin", "https://ops.example.org", "--allowed-origin", "*",
                        "--allowed-origin", "http://10.0.0.5:8080").allowedOrigins());
        String error = error("--allowed-origin", "https://ops.example.org/page");
        assertTrue(error.contains("--allowed-origin 'https://ops.example.org/page'"), error);
        assertTrue(error("--allowed-origin", "ops.example.org").contains("--allowed-origin"));
    }

    @Test
    void sfuFlagsNameJanusHttpApiAndTheFirstPeerToPeerReceivers() {
        assertTrue(parse().sfu().isEmpty());
        var sfu = parse("--sfu", "janus:http://10.0.0.9:8088/janus/", "--sfu-after", "2").sfu().orElseThrow();
        assertEquals(URI.create("http://10.0.0.9:8088/janus"), sfu.janus());
        assertEquals(2, sfu.after());
        assertEquals(0, parse("--sfu", "janus:http://h:1/janus").sfu().orElseThrow().after());
        assertTrue(error("--sfu", "http://h:8088/janus").contains("janus:http://HOST:PORT/janus"));
        assertTrue(error("--sfu", "janus:ws://h:8188/").contains("WebSocket API is not supported"));
        assertTrue(error("--sfu", "janus:http:///janus").contains("--sfu"));
        assertTrue(error("--sfu-after", "1").contains("--sfu-after needs --sfu"));
        assertTrue(error("--sfu", "janus:http://h:1/janus", "--sfu-after", "-1").contains("--sfu-after -1"));
    }
}
