package dev.camrtc.sender.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.camrtc.sender.camera.testpattern.TestPatternOptions;
import dev.camrtc.sender.camera.testpattern.TestPatternSource;
import dev.camrtc.sender.control.CameraControls;
import dev.camrtc.sender.control.ControlException;
import dev.camrtc.sender.control.ControlInfo;
import dev.camrtc.sender.hub.FrameHub;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /set} over real HTTP, against a D435-like control set and against the test pattern's controls. */
class ControlEndpointTest {

    /**
     * Controls shaped like a D435's (ranges from its datasheet). {@code laser_power} lists 0..360 but the
     * "camera" refuses more than 300 when applying, as hardware sometimes does.
     */
    static final class LabControls implements CameraControls {
        final Map<String, Object> values = new LinkedHashMap<>();
        final List<String> sets = new ArrayList<>();

        LabControls() {
            reset();
        }

        void reset() {
            values.put("exposure", 8500);
            values.put("gain", 16);
            values.put("auto_exposure", true);
            values.put("laser_power", 150);
            values.put("emitter_enabled", true);
            sets.clear();
        }

        @Override
        public List<ControlInfo> list() {
            return List.of(new ControlInfo("exposure", 1, 165000, 1, 8500, values.get("exposure")),
                    new ControlInfo("gain", 16, 248, 1, 16, values.get("gain")),
                    new ControlInfo("auto_exposure", 0, 1, 1, true, values.get("auto_exposure")),
                    new ControlInfo("laser_power", 0, 360, 30, 150, values.get("laser_power")),
                    new ControlInfo("emitter_enabled", 0, 1, 1, true, values.get("emitter_enabled")));
        }

        @Override
        public Object get(String name) throws ControlException {
            if (!values.containsKey(name)) {
                throw new ControlException(name, "unknown control " + name);
            }
            return values.get(name);
        }

        @Override
        public synchronized Object set(String name, Object value) throws ControlException {
            get(name);
            if (name.equals("laser_power") && ((Number) value).intValue() > 300) {
                throw new ControlException(name, "laser_power above 300 refused by the camera");
            }
            Object v = value instanceof Number n && name.equals("laser_power") ? (int) (Math.round(n.doubleValue() / 30) * 30) : value;
            values.put(name, v);
            sets.add(name + "=" + v);
            return v;
        }
    }

    static final LabControls lab = new LabControls();
    static final HttpClient http = HttpClient.newHttpClient();
    static final ObjectMapper json = new ObjectMapper();
    static TestPatternSource source;
    static FrameHub hub;
    static SenderHttpServer labServer;
    static SenderHttpServer patternServer;

    @BeforeAll
    static void start() {
        source = new TestPatternSource(new TestPatternOptions("set-test", 320, 240, 15));
        hub = FrameHub.start("set-test", source);
        labServer = SenderHttpServer.start(HttpConfig.of("set-test", "127.0.0.1", 0, Optional.empty()), hub, hub.streams(), lab);
        patternServer = SenderHttpServer.start(HttpConfig.of("set-test", "127.0.0.1", 0, Optional.empty()), hub,
                hub.streams(), source.controls());
    }

    @AfterAll
    static void stop() {
        labServer.close();
        patternServer.close();
        hub.close();
        source.close();
    }

    @BeforeEach
    void reset() {
        lab.reset();
    }

    static HttpResponse<String> get(SenderHttpServer server, String query) throws Exception {
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/set" + query)).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(res.headers().firstValue("content-type").orElseThrow().startsWith("application/json"), res.toString());
        return res;
    }

    @Test
    void setAppliesEveryGivenControlAndAnswersTheValuesInEffect() throws Exception {
        HttpResponse<String> res = get(labServer, "?exposure=9000&gain=32&auto_exposure=0&emitter_enabled=TRUE&laser_power=100");
        assertEquals(200, res.statusCode(), res.body());
        assertEquals(json.readTree("{\"exposure\":9000,\"gain\":32,\"auto_exposure\":false,\"emitter_enabled\":true,"
                + "\"laser_power\":90}"), json.readTree(res.body()));
        assertEquals(9000, lab.values.get("exposure"));
        assertEquals(false, lab.values.get("auto_exposure"));
    }

    @Test
    void noParameterAnswersTheListWithJsonBooleans() throws Exception {
        HttpResponse<String> res = get(labServer, "");
        assertEquals(200, res.statusCode());
        JsonNode list = json.readTree(res.body());
        assertEquals(5, list.size());
        assertEquals(json.readTree("{\"name\":\"exposure\",\"min\":1,\"max\":165000,\"step\":1,\"default\":8500,\"value\":8500}"),
                list.get(0));
        assertTrue(list.get(2).get("value").isBoolean() && list.get(2).get("default").isBoolean());
    }

    @Test
    void anUnknownNameOrBadValueIs400NamingTheParameterAndAppliesNothing() throws Exception {
        String[][] cases = {
                {"?exposure=9000&zoom=2", "zoom"},
                {"?gain=32&exposure=0", "exposure"},
                {"?gain=249", "gain"},
                {"?gain=abc", "gain"},
                {"?gain=", "gain"},
                {"?exposure=9000&auto_exposure=yes", "auto_exposure"},
                {"?gain=20&gain=30", "gain"},
                {"?exposure=1e400", "exposure"},
        };
        for (String[] c : cases) {
            HttpResponse<String> res = get(labServer, c[0]);
            assertEquals(400, res.statusCode(), c[0]);
            JsonNode body = json.readTree(res.body());
            assertEquals(c[1], body.get("parameter").asText(), c[0]);
            assertTrue(body.get("error").asText().contains(c[1]), body.toString());
            assertEquals(List.of(), lab.sets, "nothing applied for " + c[0]);
        }
    }

    @Test
    void aControlTheCameraRefusesWhileApplyingPutsBackTheOnesAlreadyApplied() throws Exception {
        HttpResponse<String> res = get(labServer, "?exposure=9000&laser_power=330");
        assertEquals(400, res.statusCode());
        assertEquals("laser_power", json.readTree(res.body()).get("parameter").asText());
        assertEquals(8500, lab.values.get("exposure"), "exposure put back");
        assertEquals(150, lab.values.get("laser_power"));
    }

    @Test
    void theTestPatternsControlsWorkThroughSet() throws Exception {
        HttpResponse<String> res = get(patternServer, "?brightness=12&pattern=2");
        assertEquals(200, res.statusCode(), res.body());
        assertEquals(json.readTree("{\"brightness\":12,\"pattern\":2}"), json.readTree(res.body()));
        assertEquals(12, source.controls().get("brightness"));
        res = get(patternServer, "?brightness=0&pattern=3");
        assertEquals(400, res.statusCode());
        assertEquals("pattern", json.readTree(res.body()).get("parameter").asText());
        assertEquals(12, source.controls().get("brightness"), "brightness not applied");
        source.controls().set("pattern", 0);
        source.controls().set("brightness", 0);
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpRequest.Builder to(SenderHttpServer server, String query) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/set" + query));
    }

    static HttpRequest.Builder post(String contentType, String body) {
        return to(labServer, "").header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
    }

    @Test
    void crossSiteBrowserRequestsAre403AndChangeNothing() throws Exception {
        String own = "http://127.0.0.1:" + labServer.port();
        List<HttpRequest.Builder> refused = List.of(
                to(labServer, "?gain=32").header("Sec-Fetch-Site", "cross-site"),
                to(labServer, "?gain=32").header("Sec-Fetch-Site", "same-site"),
                to(labServer, "?gain=32").header("Origin", "http://evil.example"),
                to(labServer, "?gain=32").header("Origin", "http://127.0.0.1:1"),
                to(labServer, "?gain=32").header("Origin", "null"),
                to(labServer, "?gain=32").header("Origin", own).header("Sec-Fetch-Site", "cross-site"),
                post("application/x-www-form-urlencoded", "gain=32").header("Origin", "http://evil.example"),
                post("text/plain", "gain=32").header("Sec-Fetch-Site", "cross-site"),
                to(labServer, "").header("Origin", "http://evil.example"));
        for (HttpRequest.Builder r : refused) {
            HttpResponse<String> res = send(r);
            assertEquals(403, res.statusCode(), res.request().headers() + " " + res.body());
            assertTrue(json.readTree(res.body()).get("error").asText().contains("/set"), res.body());
            assertEquals(List.of(), lab.sets, "nothing applied for " + res.request().headers());
        }
        // the sender's own page, and scripts (no Origin, no Sec-Fetch-Site) are not affected
        assertEquals(200, send(to(labServer, "?gain=32").header("Origin", own).header("Sec-Fetch-Site", "same-origin"))
                .statusCode());
        assertEquals(200, send(to(labServer, "?gain=40").header("Sec-Fetch-Site", "none")).statusCode());
        assertEquals(200, send(to(labServer, "?gain=48")).statusCode());
        assertEquals(48, lab.values.get("gain"));
    }

    @Test
    void postTakesAFormOrAJsonObject() throws Exception {
        HttpResponse<String> res = send(post("application/x-www-form-urlencoded", "exposure=9000&auto_exposure=0"));
        assertEquals(200, res.statusCode(), res.body());
        assertEquals(json.readTree("{\"exposure\":9000,\"auto_exposure\":false}"), json.readTree(res.body()));
        res = send(post("application/json; charset=utf-8", "{\"gain\":32,\"auto_exposure\":true,\"laser_power\":\"120\"}"));
        assertEquals(200, res.statusCode(), res.body());
        assertEquals(json.readTree("{\"gain\":32,\"auto_exposure\":true,\"laser_power\":120}"), json.readTree(res.body()));
        assertEquals(32, lab.values.get("gain"));
        assertEquals(200, send(post("application/json", "")).statusCode(), "no parameter: the list");
        lab.sets.clear();
        String[][] bad = {
                {"application/json", "{\"gain\":300}", "400"},
                {"application/json", "{\"gain\":[1]}", "400"},
                {"application/json", "[1]", "400"},
                {"application/json", "{nope", "400"},
                {"application/x-www-form-urlencoded", "gain=33&zoom=2", "400"},
                {"text/plain", "gain=33", "415"},
        };
        for (String[] b : bad) {
            res = send(post(b[0], b[1]));
            assertEquals(Integer.parseInt(b[2]), res.statusCode(), b[1] + " -> " + res.body());
            assertEquals(List.of(), lab.sets, "nothing applied for " + b[1]);
        }
        res = send(to(labServer, "?gain=20").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("gain=30")));
        assertEquals(400, res.statusCode(), "a name in the query and the body is given twice");
    }
}
