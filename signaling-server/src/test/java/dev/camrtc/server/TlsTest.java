package dev.camrtc.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.protocol.Role;
import dev.camrtc.server.testing.WsClient;
import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** https/wss from a PEM certificate and key: a real TLS handshake with a freshly generated self-signed cert. */
class TlsTest {

    @TempDir
    Path dir;

    @Test
    void wssAndHttpsWithAGeneratedSelfSignedCertificate() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair keys = generator.generateKeyPair();
        X509Certificate cert = selfSigned(keys);
        Path certFile = dir.resolve("cert.pem");
        Path keyFile = dir.resolve("key.pem");
        try (Writer w = Files.newBufferedWriter(certFile); JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(cert);
        }
        try (Writer w = Files.newBufferedWriter(keyFile); JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(new JcaPKCS8Generator(keys.getPrivate(), null));
        }
        SSLContext trusting = trusting(cert);
        try (SignalingServer server = SignalingServer.start(ServerConfig.builder().host("127.0.0.1").port(0)
                .tls(certFile, keyFile).build())) {
            assertEquals("https", server.httpUri().getScheme());
            HttpClient https = HttpClient.newBuilder().sslContext(trusting).build();
            HttpResponse<String> health = https.send(HttpRequest.newBuilder(URI.create(server.httpUri() + "healthz")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("ok", health.body());
            try (WsClient ws = WsClient.connect(server.wsUri(Role.RECEIVER), Map.of(), trusting)) {
                assertEquals("registered", ws.next().path("type").asText());
            }
            // plain http is not served, and an untrusting client fails the handshake
            assertThrows(IOException.class, () -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/healthz")).build(), HttpResponse.BodyHandlers.ofString()));
            assertThrows(IOException.class, () -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(server.httpUri() + "healthz")).build(), HttpResponse.BodyHandlers.ofString()));
        }
    }

    @Test
    void unreadableKeyFailsToStartWithAClearMessage() throws Exception {
        Path cert = Files.writeString(dir.resolve("c.pem"), "not a certificate");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SignalingServer.start(
                ServerConfig.builder().host("127.0.0.1").port(0).tls(cert, cert).build()));
        assertTrue(e.getMessage().startsWith("cannot start the signaling server"), e.getMessage());
    }

    private static X509Certificate selfSigned(KeyPair keys) throws Exception {
        X500Name name = new X500Name("CN=camrtc-test");
        long now = System.currentTimeMillis();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now), new Date(now - 60_000),
                new Date(now + 3_600_000), name, keys.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    }

    private static SSLContext trusting(X509Certificate cert) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("test", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return ssl;
    }
}
