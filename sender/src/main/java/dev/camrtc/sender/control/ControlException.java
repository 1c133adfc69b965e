package dev.camrtc.sender.control;

/** A control request that was refused; nothing was changed. The message names the control and why. */
public class ControlException extends Exception {
    private final String control;

    public ControlException(String control, String message) {
        super(message);
        this.control = control;
    }

    /** The control (parameter) name the error is about. */
    public String control() {
        return control;
    }
}
