package dev.camrtc.dds.cyclone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.camrtc.dds.RosGraphException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding libddsc and refusing versions whose descriptor layout was not verified, with the real library. */
class CycloneLoaderTest {
    @Test
    void loadsTheDebianLibraryAndReadsItsVersion() {
        CycloneLoader.Loaded loaded = CycloneLoader.load(null);
        assertTrue(loaded.version().startsWith("0.10."), loaded.version());
        assertTrue(loaded.file().contains("libddsc"), loaded.file());
    }

    @Test
    void refusesAnUnverifiedVersion(@TempDir Path dir) throws Exception {
        Path real = Path.of(CycloneLoader.locate("libddsc.so.0debian")).toRealPath();
        Path copy = Files.copy(real, dir.resolve("libddsc.so.0.11.0"));
        RosGraphException e = assertThrows(RosGraphException.class, () -> CycloneLoader.load(copy.toString()));
        assertTrue(e.getMessage().contains("is version 0.11.0"), e.getMessage());
        assertTrue(e.getMessage().contains("libddsc0debian"), e.getMessage());
    }

    @Test
    void aMissingExplicitPathSaysWhereItCameFrom() {
        RosGraphException e = assertThrows(RosGraphException.class, () -> CycloneLoader.load("/nonexistent/libddsc.so.0.10.2"));
        assertTrue(e.getMessage().contains("/nonexistent/libddsc.so.0.10.2"), e.getMessage());
        assertTrue(e.getMessage().contains("CAMRTC_DDSC_LIBRARY"), e.getMessage());
    }

    @Test
    void versionComesFromTheFileName() {
        assertEquals("0.10.2", CycloneLoader.versionOf("/opt/x/libddsc.so.0.10.2"));
        assertNull(CycloneLoader.versionOf("/opt/x/libddsc.so"));
    }
}
