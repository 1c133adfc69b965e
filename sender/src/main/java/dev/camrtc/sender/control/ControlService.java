package dev.camrtc.sender.control;

import com.fasterxml.jackson.databind.JsonNode;
import dev.camrtc.protocol.Control;
import dev.camrtc.protocol.ControlResult;
import dev.camrtc.protocol.MessageCodec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the {@code control} messages of PROTOCOL.md 3.6 from a camera's {@link CameraControls}: exactly
 * one {@link ControlResult} per request, {@code ok:false} with a one-line {@code error} when it fails.
 */
public final class ControlService {

    private static final Logger LOG = LoggerFactory.getLogger(ControlService.class);

    private final CameraControls controls;
    private final Supplier<String> senderLabel;

    /** @param senderLabel this sender's id or name, for the log lines */
    public ControlService(CameraControls controls, Supplier<String> senderLabel) {
        this.controls = controls;
        this.senderLabel = senderLabel;
    }

    /** The one answer to {@code request}, addressed back to its receiver. Never throws. */
    public ControlResult answer(Control request) {
        String receiver = request.receiverId();
        String id = request.requestId();
        try {
            JsonNode value = switch (request.op()) {
                case Control.OP_LIST -> MessageCodec.toJson(listing());
                case Control.OP_GET -> MessageCodec.toJson(controls.get(requireName(request)));
                case Control.OP_SET -> MessageCodec.toJson(controls.set(requireName(request), toValue(request)));
                default -> throw new ControlException(null, "unknown op '" + request.op() + "' (list, get, set)");
            };
            if (Control.OP_SET.equals(request.op())) {
                LOG.info("{}: control {} set to {} by {}", senderLabel.get(), request.name(), value, receiver);
            }
            return ControlResult.success(receiver, id, value);
        } catch (ControlException e) {
            LOG.info("{}: control {} {} from {} refused: {}", senderLabel.get(), request.op(),
                    request.name() == null ? "" : request.name(), receiver, e.getMessage());
            return ControlResult.failure(receiver, id, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("{}: control {} {} from {} failed", senderLabel.get(), request.op(), request.name(), receiver, e);
            return ControlResult.failure(receiver, id, "internal error: " + e);
        }
    }

    /** The {@code list} value: {@code [{name, min, max, step, default, value}, ...]}. */
    private List<Map<String, Object>> listing() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ControlInfo info : controls.list()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", info.name());
            entry.put("min", info.min());
            entry.put("max", info.max());
            entry.put("step", info.step());
            entry.put("default", info.defaultValue());
            entry.put("value", info.value());
            out.add(entry);
        }
        return out;
    }

    private static String requireName(Control request) throws ControlException {
        if (request.name() == null || request.name().isEmpty()) {
            throw new ControlException(null, "'" + request.op() + "' needs a control name");
        }
        return request.name();
    }

    private static Object toValue(Control request) throws ControlException {
        JsonNode v = request.value();
        if (v == null) {
            throw new ControlException(request.name(), "'set' of " + request.name() + " needs a value");
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isIntegralNumber()) {
            if (v.canConvertToInt()) {
                return v.intValue();
            }
            return v.canConvertToLong() ? (Number) v.longValue() : v.decimalValue();
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        throw new ControlException(request.name(),
                "value of " + request.name() + " must be a number or a boolean, not " + v);
    }
}
