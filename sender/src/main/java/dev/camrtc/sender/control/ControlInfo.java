package dev.camrtc.sender.control;

/**
 * One entry of a {@code list} result (PROTOCOL.md 3.6): {@code {name, min, max, step, default, value}}.
 * Boolean controls use min 0, max 1, step 1 and Boolean default/value.
 */
public record ControlInfo(String name, Number min, Number max, Number step, Object defaultValue, Object value) {

    public boolean isBoolean() {
        return value instanceof Boolean;
    }
}
