package dev.camrtc.sender.sfu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** One request to Janus's HTTP API: a bounded body, HTTP errors and unreachable hosts as {@link JanusException}. */
final class JanusHttp {

    private JanusHttp() {
    }

    /** An HTTP/1.1 client with the connect timeout of {@code limits}. */
    static HttpClient client(JanusLimits limits) {
        return HttpClient.newBuilder().connectTimeout(limits.requestTimeout()).version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** POSTs {@code body} as JSON and returns Janus's answer. */
    static JanusEvent post(HttpClient http, URI uri, ObjectNode body, JanusLimits limits) {
        HttpRequest post = HttpRequest.newBuilder(uri).timeout(limits.requestTimeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        return JanusEvent.of(send(http, post, limits));
    }

    /** Sends {@code request} and parses the answer (at most {@link JanusLimits#maxBodyBytes()}, HTTP 200 only). */
    static JsonNode send(HttpClient http, HttpRequest request, JanusLimits limits) {
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                byte[] bytes = in.readNBytes(limits.maxBodyBytes() + 1);
                if (bytes.length > limits.maxBodyBytes()) {
                    throw new JanusException("Janus answered more than " + limits.maxBodyBytes() + " bytes");
                }
                if (response.statusCode() != 200) {
                    throw new JanusException("Janus answered HTTP " + response.statusCode() + " to "
                            + request.method() + " " + request.uri().getPath());
                }
                return JanusSession.JSON.readTree(bytes);
            }
        } catch (IOException e) {
            throw new JanusException("Janus at " + request.uri().getAuthority() + " unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JanusException("interrupted while talking to Janus", e);
        }
    }
}
