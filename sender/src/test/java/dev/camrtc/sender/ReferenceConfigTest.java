package dev.camrtc.sender;

import dev.camrtc.program.ReferenceFile;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** packaging/config/sender.yaml is generated from the options (like --help) and means the defaults. */
class ReferenceConfigTest {
    @Test
    void theReferenceFileMatchesTheOptions() {
        ReferenceFile.check("sender", Main.PROGRAM, Main.CONFIG_FILE_ABOUT).ifPresent(Assertions::fail);
    }
}
