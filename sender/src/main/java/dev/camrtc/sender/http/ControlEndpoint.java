package dev.camrtc.sender.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.camrtc.protocol.Control;
import dev.camrtc.protocol.ControlResult;
import dev.camrtc.sender.control.CameraControls;
import dev.camrtc.sender.control.ControlException;
import dev.camrtc.sender.control.ControlInfo;
import dev.camrtc.sender.control.ControlService;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /set?exposure=8500&gain=32} and {@code POST /set} (a form or a JSON object such as
 * {@code {"exposure":8500,"auto_exposure":false}}; PROTOCOL.md section 5): the camera controls of 3.6 over
 * HTTP. Cross-site browser requests never get here ({@link OriginPolicy}). Every parameter (except
 * {@code token}) is a control name; all are validated against the camera's
 * {@code list} (name known, boolean as {@code true}/{@code false}/{@code 1}/{@code 0}, number within
 * min..max) before any is applied, so a bad request changes nothing: 400
 * {@code {"error":"…","parameter":"name"}}. Should the camera still refuse one while applying, the ones
 * already applied are put back. 200 answers a JSON object of the values now in effect, booleans as JSON
 * booleans; no parameter answers the {@code list} result (the same as the {@code control} message's).
 */
final class ControlEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(ControlEndpoint.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String senderName;
    private final CameraControls controls;
    private final ControlService service;

    ControlEndpoint(String senderName, CameraControls controls) {
        this.senderName = senderName;
        this.controls = controls;
        this.service = new ControlService(controls, () -> senderName);
    }

    /** A refused parameter: 400 with this message. */
    private static final class BadParameter extends Exception {
        final String parameter;

        BadParameter(String parameter, String message) {
            super(message);
            this.parameter = parameter;
        }
    }

    void handle(Context ctx) {
        Map<String, List<String>> query;
        try {
            query = parameters(ctx);
        } catch (BadBody e) {
            LOG.info("sender {}: /set from {} refused: {}", senderName, ctx.req().getRemoteAddr(), e.getMessage());
            ctx.status(e.status).json(Map.of("error", e.getMessage()));
            return;
        }
        if (query.isEmpty()) {
            ControlResult list = service.answer(Control.list(null, "mjpeg-set"));
            if (list.ok() && list.value() != null) {
                ctx.contentType("application/json").result(list.value().toString());
            } else {
                ctx.status(500).json(Map.of("error", String.valueOf(list.error())));
            }
            return;
        }
        try {
            Map<String, Object> wanted = validate(query);
            Map<String, Object> applied = apply(wanted);
            LOG.info("sender {}: /set from {} applied {}", senderName, ctx.req().getRemoteAddr(), applied);
            ctx.json(applied);
        } catch (BadParameter e) {
            LOG.info("sender {}: /set from {} refused: {}", senderName, ctx.req().getRemoteAddr(), e.getMessage());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", e.getMessage());
            body.put("parameter", e.parameter);
            ctx.status(400).json(body);
        }
    }

    /** A POST body that is not a form or a flat JSON object: {@code status} with this message. */
    private static final class BadBody extends Exception {
        final int status;

        BadBody(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    /**
     * The control parameters: the query (without {@code token}), plus for {@code POST} the body's, a form
     * ({@code application/x-www-form-urlencoded}) or a JSON object of numbers, booleans and strings. A name
     * given in both counts twice (and is refused as such).
     */
    private static Map<String, List<String>> parameters(Context ctx) throws BadBody {
        Map<String, List<String>> params = new LinkedHashMap<>();
        ctx.queryParamMap().forEach((k, v) -> params.put(k, new ArrayList<>(v)));
        params.remove("token");
        if (!"POST".equals(ctx.method().name())) {
            return params;
        }
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        if (ctx.body().isBlank()) {
            return params;
        }
        if (type.startsWith("application/x-www-form-urlencoded")) {
            ctx.formParamMap().forEach((k, v) -> params.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        } else if (type.startsWith("application/json")) {
            JsonNode body;
            try {
                body = JSON.readTree(ctx.body());
            } catch (Exception e) {
                throw new BadBody(400, "the body is not valid JSON");
            }
            if (body == null || !body.isObject()) {
                throw new BadBody(400, "the JSON body must be an object of control names and values");
            }
            var fields = body.fields();
            while (fields.hasNext()) {
                var f = fields.next();
                JsonNode v = f.getValue();
                if (!v.isValueNode() || v.isNull()) {
                    throw new BadBody(400, "the value of " + f.getKey() + " must be a number, a boolean or a string");
                }
                params.computeIfAbsent(f.getKey(), x -> new ArrayList<>()).add(v.asText());
            }
        } else {
            throw new BadBody(415, "POST /set takes application/x-www-form-urlencoded or application/json, not '"
                    + (type.isEmpty() ? "(none)" : type) + "'");
        }
        params.remove("token");
        return params;
    }

    private Map<String, Object> validate(Map<String, List<String>> query) throws BadParameter {
        Map<String, ControlInfo> byName = new LinkedHashMap<>();
        for (ControlInfo info : controls.list()) {
            byName.put(info.name(), info);
        }
        Map<String, Object> wanted = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            String name = e.getKey();
            ControlInfo info = byName.get(name);
            if (info == null) {
                throw new BadParameter(name, "unknown control '" + name + "' (this camera has: "
                        + String.join(", ", byName.keySet()) + ")");
            }
            if (e.getValue().size() != 1) {
                throw new BadParameter(name, name + " is given " + e.getValue().size() + " times");
            }
            String text = e.getValue().get(0).trim();
            wanted.put(name, info.isBoolean() ? bool(name, text) : number(info, text));
        }
        return wanted;
    }

    private Map<String, Object> apply(Map<String, Object> wanted) throws BadParameter {
        Map<String, Object> before = new LinkedHashMap<>();
        Map<String, Object> applied = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : wanted.entrySet()) {
            String name = e.getKey();
            try {
                before.put(name, controls.get(name));
                applied.put(name, asJsonValue(wanted.get(name), controls.set(name, e.getValue())));
            } catch (ControlException refused) {
                restore(before, applied);
                throw new BadParameter(name, refused.getMessage());
            }
        }
        return applied;
    }

    /** Puts back the controls already applied (best effort: the camera accepted these values before). */
    private void restore(Map<String, Object> before, Map<String, Object> applied) {
        for (String name : applied.keySet()) {
            try {
                controls.set(name, before.get(name));
            } catch (ControlException e) {
                LOG.warn("sender {}: could not restore {} to {}: {}", senderName, name, before.get(name), e.getMessage());
            }
        }
    }

    /** Booleans stay JSON booleans even when a camera reports them as 0/1. */
    private static Object asJsonValue(Object requested, Object inEffect) {
        if (requested instanceof Boolean && inEffect instanceof Number n) {
            return n.doubleValue() != 0;
        }
        return inEffect;
    }

    private static Boolean bool(String name, String text) throws BadParameter {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "1" -> Boolean.TRUE;
            case "false", "0" -> Boolean.FALSE;
            default -> throw new BadParameter(name, name + " takes true, false, 1 or 0, not '" + text + "'");
        };
    }

    private static Number number(ControlInfo info, String text) throws BadParameter {
        String name = info.name();
        BigDecimal value;
        try {
            value = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new BadParameter(name, name + " takes a number, not '" + text + "'");
        }
        if (info.min() != null && value.compareTo(new BigDecimal(info.min().toString())) < 0
                || info.max() != null && value.compareTo(new BigDecimal(info.max().toString())) > 0) {
            throw new BadParameter(name, name + " must be within " + info.min() + ".." + info.max() + ", not " + text);
        }
        if (value.stripTrailingZeros().scale() <= 0) {
            try {
                long l = value.longValueExact();
                return l == (int) l ? (Number) (int) l : (Number) l;
            } catch (ArithmeticException e) {
                throw new BadParameter(name, name + " value " + text + " is too large");
            }
        }
        return value.doubleValue();
    }
}
