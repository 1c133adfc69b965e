package dev.camrtc.sender.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.program.tls.TlsFiles;
import dev.camrtc.sender.camera.testpattern.TestPatternOptions;
import dev.camrtc.sender.camera.testpattern.TestPatternSource;
import dev.camrtc.sender.cli.SenderConfig;
import dev.camrtc.sender.hub.FrameHub;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** https on the sender's HTTP port with a certificate made at test time: a real TLS handshake, no plain http. */
class SenderTlsTest {

    @TempDir
    Path dir;

    @Test
    void jpgAndMjpegOverHttpsOnlyWithTheToken() throws Exception {
        TestCertificate tls = TestCertificate.create(dir);
        try (TestPatternSource source = new TestPatternSource(TestPatternOptions.defaults("tls"));
             FrameHub hub = FrameHub.start("tls", source);
             SenderHttpServer server = SenderHttpServer.start(HttpConfig.of("tls", "127.0.0.1", 0, Optional.of("tk"))
                     .withTls(Optional.of(new TlsFiles(tls.cert, tls.key))), hub, hub.streams(), source.controls())) {
            HttpClient https = HttpClient.newBuilder().sslContext(tls.trusting).build();
            String base = "https://127.0.0.1:" + server.port();
            HttpResponse<byte[]> jpg = https.send(HttpRequest.newBuilder(URI.create(base + "/jpg?token=tk")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, jpg.statusCode());
            assertEquals("image/jpeg", jpg.headers().firstValue("Content-Type").orElse(""));
            assertEquals(0xFF, jpg.body()[0] & 0xFF);
            assertEquals(0xD8, jpg.body()[1] & 0xFF);
            assertEquals(401, https.send(HttpRequest.newBuilder(URI.create(base + "/jpg")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode(), "the token still applies");

            HttpResponse<InputStream> mjpeg = https.send(HttpRequest.newBuilder(URI.create(base + "/rgb.mjpg"))
                    .header("Authorization", "Bearer tk").build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = mjpeg.body()) {
                assertEquals(200, mjpeg.statusCode());
                MultipartReader parts = new MultipartReader(body, "frame");
                MultipartReader.Part first = parts.next();
                MultipartReader.Part second = parts.next();
                assertTrue(first.body().length > 1000 && second.body().length > 1000, "two JPEG parts over TLS");
                assertEquals(0xD8, second.body()[1] & 0xFF);
            }

            assertThrows(IOException.class, () -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/jpg?token=tk")).build(),
                    HttpResponse.BodyHandlers.ofString()), "plain http to the TLS port fails");
            assertThrows(IOException.class, () -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(base + "/jpg?token=tk")).build(), HttpResponse.BodyHandlers.ofString()),
                    "a client that does not trust the certificate fails the handshake");
        }
    }

    @Test
    void theAnnouncedMjpegUrlIsHttps() throws Exception {
        TestCertificate tls = TestCertificate.create(dir);
        SenderConfig config = SenderConfig.parse("--tls-cert", tls.cert.toString(), "--tls-key", tls.key.toString(),
                "--mjpeg-bind", "127.0.0.1", "--mjpeg-port", "24680");
        assertEquals(URI.create("https://127.0.0.1:24680/"), config.mjpegUrl().orElseThrow());
        assertEquals(Optional.of(new TlsFiles(tls.cert, tls.key)), config.tls());
        assertEquals(URI.create("http://127.0.0.1:24680/"), SenderConfig.parse("--mjpeg-bind", "127.0.0.1",
                "--mjpeg-port", "24680").mjpegUrl().orElseThrow());
    }

    @Test
    void badTlsOptionsAreOneClearError() throws Exception {
        TestCertificate tls = TestCertificate.create(dir);
        assertEquals("--tls-cert and --tls-key go together", assertThrows(IllegalArgumentException.class,
                () -> SenderConfig.parse("--tls-cert", tls.cert.toString())).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SenderConfig.parse("--tls-cert",
                dir.resolve("missing.pem").toString(), "--tls-key", tls.key.toString())).getMessage()
                .startsWith("--tls-cert "));
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "not a certificate", StandardCharsets.US_ASCII);
        try (TestPatternSource source = new TestPatternSource(TestPatternOptions.defaults("tls"));
             FrameHub hub = FrameHub.start("tls", source)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> SenderHttpServer.start(
                    HttpConfig.of("tls", "127.0.0.1", 0, Optional.empty()).withTls(Optional.of(new TlsFiles(garbage, garbage))),
                    hub, hub.streams(), source.controls()));
            assertTrue(e.getMessage().contains("cannot use TLS certificate"), e.getMessage());
        }
    }
}
