package dev.camrtc.sender.camera.realsense;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import dev.camrtc.media.natives.JavaCppLogging;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Loading librealsense2 the way the sender does prints nothing about versions; other warnings still show. */
class HarmlessVersionWarningTest {

    /** A fresh JVM: loads librealsense2 exactly as the sender's Main would, with the sender's logback.xml. */
    public static final class Probe {
        public static void main(String[] args) {
            JavaCppLogging.toSlf4j();
            System.out.println("librealsense2 loaded from " + RealSenseNative.load());
            org.slf4j.LoggerFactory.getLogger(HarmlessVersionWarning.LOGGER).warn("another JavaCPP warning");
        }
    }

    @Test
    void theSenderStartsWithoutTheVersionWarning() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx256m", "-Dlogback.configurationFile=logback.xml",
                "-cp", System.getProperty("java.class.path"), Probe.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("librealsense2 loaded from "), out);
        assertFalse(out.contains("do not match"), out);
        assertTrue(out.contains("WARN  Loader - another JavaCPP warning"), "other JavaCPP warnings are logged:\n" + out);
    }

    @Test
    void onlyThatOneMessageIsDropped() {
        HarmlessVersionWarning filter = new HarmlessVersionWarning();
        ch.qos.logback.classic.Logger loader = new LoggerContext().getLogger(HarmlessVersionWarning.LOGGER);
        String harmless = "Versions of org.bytedeco:javacpp:1.5.13 and org.bytedeco:librealsense2:2.53.1-1.5.9 do not match.";
        assertEquals(FilterReply.DENY, filter.decide(null, loader, Level.WARN, harmless, null, null));
        assertEquals(FilterReply.NEUTRAL, filter.decide(null, loader, Level.WARN,
                "Versions of org.bytedeco:javacpp:1.5.13 and org.bytedeco:opencv:4.13.0-1.5.12 do not match.", null, null));
        assertEquals(FilterReply.NEUTRAL, filter.decide(null, loader, Level.WARN,
                "Versions of org.bytedeco:javacpp:1.5.13 and org.bytedeco:librealsense2:2.54.0-1.5.14 do not match.", null, null));
        assertEquals(FilterReply.NEUTRAL, filter.decide(null, new LoggerContext().getLogger("other"), Level.WARN,
                harmless, null, null));
    }
}
