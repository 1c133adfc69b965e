package dev.camrtc.sender.cli;

import dev.camrtc.dds.Reliability;
import dev.camrtc.dds.RosDistro;
import dev.camrtc.sender.camera.RosSourceOptions;
import java.time.Duration;

/** The {@code --ros-*} flags as {@link RosSourceOptions}; a bad value is one line naming the flag. */
final class RosFlags {
    private RosFlags() {
    }

    static RosSourceOptions from(SenderOptions o) {
        try {
            return new RosSourceOptions(o.rosNamespace, o.rosNodeName, o.rosDomainId, RosDistro.fromName(o.rosDistro),
                    Reliability.parse(o.rosReliability), o.rosDepth, o.rosDdsConfig, Duration.ofMillis(o.rosProbeMillis),
                    o.rosFps);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--ros-*: " + e.getMessage());
        }
    }
}
