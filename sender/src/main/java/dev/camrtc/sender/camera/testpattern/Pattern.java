package dev.camrtc.sender.camera.testpattern;

/** The backgrounds of the colour stream; the {@code pattern} control is the index into this list. */
public enum Pattern {
    /** Scrolling colour bars over a grey ramp. */
    BARS,
    /** A scrolling hue gradient, darker towards the bottom. */
    GRADIENT,
    /** A checkerboard moving diagonally. */
    CHECKER;

    /** Lower-case name, as shown in the picture and in docs. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
