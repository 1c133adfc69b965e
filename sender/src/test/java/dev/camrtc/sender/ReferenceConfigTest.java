package dev.camrtc.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.camrtc.program.ReferenceFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** packaging/config/sender.yaml is generated from the options (like --help) and is a valid config file. */
class ReferenceConfigTest {

    @Test
    void theReferenceFileMatchesTheOptions() {
        ReferenceFile.check("sender", Main.PROGRAM, Main.CONFIG_FILE_ABOUT).ifPresent(Assertions::fail);
    }

    @Test
    void theReferenceFileMeansTheDefaults() {
        assertEquals(printConfig(), printConfig("--config", ReferenceFile.of("sender").toString()));
    }

    private static String printConfig(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of("--print-config"))
                .toArray(String[]::new);
        assertEquals(0, Main.PROGRAM.run(all, new PrintWriter(out), new PrintWriter(err)), err.toString());
        return out.toString();
    }
}
