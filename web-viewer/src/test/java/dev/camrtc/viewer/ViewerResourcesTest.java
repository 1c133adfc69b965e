package dev.camrtc.viewer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The packaged viewer is complete: the page, every file it links and every module any module imports are
 * on the classpath under {@code camrtc-viewer/} (where the signaling server serves them), and nothing is
 * loaded from another host (the viewer works in a closed lab network).
 */
class ViewerResourcesTest {

    private static final String ROOT = "camrtc-viewer/";
    private static final Pattern PAGE_LINK = Pattern.compile("(?:src|href)=\"([^\"#:]+)\"");
    /** Static imports, dynamic imports and worker scripts ({@code new URL('./worker.js', import.meta.url)}). */
    private static final Pattern IMPORT = Pattern.compile(
            "(?m)^import [^;]*?from '([^']+)';|import\\('([^']+)'\\)|new URL\\('([^']+)', import\\.meta\\.url\\)");
    private static final Pattern REMOTE = Pattern.compile("(?:src|href)=\"(?:https?:)?//");

    @Test
    void everyLinkedFileAndImportedModuleIsPackaged() throws IOException {
        String page = read("index.html");
        assertFalse(REMOTE.matcher(page).find(), "the page loads nothing from another host");
        List<String> modules = new ArrayList<>();
        Matcher link = PAGE_LINK.matcher(page);
        while (link.find()) {
            String path = link.group(1);
            assertNotNull(resource(path), "index.html links " + path + ", which is not packaged");
            if (path.endsWith(".js")) {
                modules.add(path);
            }
        }
        assertTrue(modules.contains("js/main.js"), "index.html loads js/main.js");
        for (int i = 0; i < modules.size(); i++) {
            String module = modules.get(i);
            String dir = module.substring(0, module.lastIndexOf('/') + 1);
            Matcher imports = IMPORT.matcher(read(module));
            while (imports.find()) {
                String target = imports.group(1) != null ? imports.group(1)
                        : imports.group(2) != null ? imports.group(2) : imports.group(3);
                assertTrue(target.startsWith("./") || target.startsWith("../"), module + " imports " + target + " (only relative modules)");
                String path = normalize(dir + target);
                assertNotNull(resource(path), module + " imports " + path + ", which is not packaged");
                if (!modules.contains(path)) {
                    modules.add(path);
                }
            }
        }
        assertTrue(modules.size() >= 10, "every feature module is reached from main.js: " + modules);
        assertTrue(modules.contains("js/depth/worker.js"), "the depth worker is reached: " + modules);
    }

    /** {@code js/depth/./x.js} and {@code js/depth/../defaults.js} as plain paths. */
    private static String normalize(String path) {
        java.util.Deque<String> parts = new java.util.ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.equals("..")) {
                parts.removeLast();
            } else if (!part.equals(".")) {
                parts.addLast(part);
            }
        }
        return String.join("/", parts);
    }

    private static URL resource(String path) {
        return ViewerResourcesTest.class.getClassLoader().getResource(ROOT + path);
    }

    private static String read(String path) throws IOException {
        URL url = resource(path);
        assertNotNull(url, ROOT + path + " is not packaged");
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
