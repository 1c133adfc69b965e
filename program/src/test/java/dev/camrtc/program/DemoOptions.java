package dev.camrtc.program;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** A program's command line as the three real ones declare theirs: defaults, a list, a flag, an alias. */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false, version = "demo 1",
        showDefaultValues = true)
final class DemoOptions {

    /** What the demo program would start with. */
    record Config(String host, int port, String url, List<String> iceServers, boolean alwaysOn, String token,
                  Duration ttl, Map<String, String> labels) {
    }

    @Option(names = "--host", defaultValue = "0.0.0.0", description = "Interface to listen on.")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080", description = "TCP port, 1..65535.")
    int port;

    @Option(names = {"--url", "--public-url"}, description = "Announced URL; default: derived from the host.")
    String url;

    @Option(names = "--ice-server", description = "STUN/TURN server; repeatable.")
    List<String> iceServers = new ArrayList<>();

    @Option(names = "--always-on", description = "Keep running while nobody watches.")
    boolean alwaysOn;

    @Option(names = "--token", defaultValue = "${env:CAMRTC_DEMO_TOKEN_NEVER_SET}",
            description = "Access token (default: environment variable CAMRTC_DEMO_TOKEN_NEVER_SET).")
    String token;

    @Option(names = "--ttl", defaultValue = "PT24H", description = "Credential lifetime. Default: ${DEFAULT-VALUE}.")
    Duration ttl;

    @Option(names = "--label", description = "Extra labels name=value; repeatable.")
    Map<String, String> labels = new LinkedHashMap<>();

    Config toConfig() {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("--port " + port + " is out of range 1..65535");
        }
        return new Config(host, port, url, List.copyOf(iceServers), alwaysOn, token, ttl, Map.copyOf(labels));
    }
}
