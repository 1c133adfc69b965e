package dev.camrtc.ros;

import dev.camrtc.program.ReferenceFile;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** packaging/config/ros-receiver.yaml is generated from the options (like --help) and means the defaults. */
class ReferenceConfigTest {
    @Test
    void theReferenceFileMatchesTheOptions() {
        ReferenceFile.check("ros-receiver", Main.PROGRAM, Main.CONFIG_FILE_ABOUT).ifPresent(Assertions::fail);
    }
}
