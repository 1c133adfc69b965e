package dev.camrtc.server;

import static dev.camrtc.server.testing.Json.msg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.server.testing.ServerFixture;
import dev.camrtc.server.testing.ServerFixture.Client;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics} (PROTOCOL.md 4): Prometheus text with the {@code signaling_} series after real traffic. */
class MetricsTest {

    private ServerFixture fx;

    @BeforeEach
    void start() {
        fx = ServerFixture.start();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void seriesFollowTheTraffic() throws Exception {
        Client sender = fx.sender("cam");
        Client receiver = fx.receiver();
        receiver.ws().next();
        receiver.ws().send(msg("{'type':'request_offer','sender_id':'" + sender.id() + "'}"));
        sender.ws().next();
        sender.ws().send(msg("{'type':'offer','receiver_id':'" + receiver.id() + "','offer':{'type':'offer','sdp':'x'}}"));
        receiver.ws().next();
        receiver.ws().send(msg("{'type':'request_offer','sender_id':'s-000000'}"));
        receiver.ws().nextError("unknown_sender");
        receiver.ws().send(msg("{'type':'made_up_type_" + System.nanoTime() + "'}"));
        receiver.ws().nextError("unknown_type");
        receiver.ws().send("not json");
        receiver.ws().nextError("bad_message");

        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(fx.server().httpUri() + "metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("text/plain; version=0.0.4"));
        String text = response.body();
        for (String line : new String[] {
            "signaling_connections_open{role=\"sender\"} 1.0",
            "signaling_connections_open{role=\"receiver\"} 1.0",
            "signaling_connections_opened_total{role=\"receiver\"} 1.0",
            "signaling_messages_received_total{type=\"request_offer\"} 2.0",
            "signaling_messages_received_total{type=\"offer\"} 1.0",
            "signaling_messages_received_total{type=\"unknown\"} 1.0",
            "signaling_messages_received_total{type=\"invalid\"} 1.0",
            "signaling_messages_relayed_total{type=\"request_offer\"} 1.0",
            "signaling_messages_relayed_total{type=\"offer\"} 1.0",
            "signaling_errors_total{code=\"unknown_sender\"} 1.0",
            "signaling_errors_total{code=\"unknown_type\"} 1.0",
            "signaling_errors_total{code=\"bad_message\"} 1.0",
            "signaling_errors_total{code=\"rate_limited\"} 0.0",
            "# TYPE signaling_relay_latency_seconds histogram",
            "signaling_relay_latency_seconds_count 2",
            "signaling_relay_latency_seconds_bucket{le=\"0.005\"}"}) {
            assertTrue(text.contains(line), "missing '" + line + "' in\n" + text);
        }
        assertTrue(!text.contains("made_up_type"), "a client-chosen type became a label");
    }

    @Test
    void everyKindOfRefusalHasASeriesFromTheStartSoAlertsCanWatchIt() {
        String text = fx.server().metrics().scrape();
        for (String line : new String[] {
            "signaling_errors_total{code=\"forbidden\"} 0.0",
            "signaling_errors_total{code=\"no_session\"} 0.0",
            "signaling_connections_refused_total{reason=\"origin\"} 0.0",
            "signaling_connections_refused_total{reason=\"forbidden\"} 0.0",
            "signaling_connections_refused_total{reason=\"unauthorized\"} 0.0",
            "signaling_connections_closed_total{reason=\"queue_overflow\"} 0.0",
            "signaling_connections_closed_total{reason=\"permission_withdrawn\"} 0.0",
            "signaling_announces_dropped_total 0.0",
            "signaling_messages_dropped_total 0.0"}) {
            assertTrue(text.contains(line), "missing '" + line + "' in\n" + text);
        }
    }
}
