package dev.camrtc.sender.metrics;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * The verdict of {@code /healthz}: is the camera delivering? The camera captures only while someone watches
 * (or always with {@code --always-on}); while it should capture, a gap of more than {@link #STALE_AFTER}
 * without any frame (camera unplugged, driver stalled, device failing to open) makes the sender unhealthy.
 * While nobody watches and the camera is off, the sender is healthy ("idle"): an idle camera is not opened
 * just to be checked. With {@code --always-on}, a source that captures while nobody watches (RealSense, webcams,
 * files; once it delivered such a frame) is checked all the time; the test pattern draws only when watched.
 */
public final class SenderHealth {

    /**
     * Longest gap without a frame while frames are wanted; also the grace after watching starts (opening a
     * RealSense takes a few seconds). Long enough for any camera that runs at 1 fps or more.
     */
    public static final Duration STALE_AFTER = Duration.ofSeconds(5);

    /** A verdict: {@code healthy} and a one-line reason. */
    public record Verdict(boolean healthy, String reason) {
    }

    private final CaptureMeter meter;
    private final boolean alwaysOn;
    private final long staleNanos;

    /** @param alwaysOn the source captures also while nobody watches ({@code --always-on}) */
    public SenderHealth(CaptureMeter meter, boolean alwaysOn) {
        this(meter, alwaysOn, STALE_AFTER);
    }

    SenderHealth(CaptureMeter meter, boolean alwaysOn, Duration staleAfter) {
        this.meter = Objects.requireNonNull(meter, "meter");
        this.alwaysOn = alwaysOn;
        this.staleNanos = staleAfter.toNanos();
    }

    public Verdict check() {
        boolean idle = meter.currentDemand().isEmpty();
        boolean wanted = !idle || (alwaysOn && meter.deliversWhenIdle());
        if (!wanted) {
            return new Verdict(true, "ok: idle, nobody watching (the camera is opened on demand)");
        }
        long sinceFrame = meter.nanosSinceLastFrame();
        long waited = idle ? sinceFrame : Math.min(sinceFrame, meter.nanosSinceDemandStarted());
        if (waited <= staleNanos) {
            return new Verdict(true, "ok: camera delivering");
        }
        String gap = String.format(Locale.ROOT, "%.1f s", sinceFrame / 1e9);
        return new Verdict(false, meter.anyFrame()
                ? "no frame from the camera for " + gap + String.format(Locale.ROOT, " (limit %.1f s)", staleNanos / 1e9)
                        + ": camera gone or stalled"
                : "no frame from the camera since the sender started (" + gap + "): camera missing or failing to open");
    }
}
