package dev.camrtc.dds.cyclone;

import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cyclone domains of this process. A domain is created once with the configuration of its first
 * graph ({@code dds_create_domain}) and deleted when its last graph closes; a second graph on the
 * same domain id shares it (and its configuration).
 */
final class CycloneDomains {
    private static final Logger LOG = LoggerFactory.getLogger(CycloneDomains.class);
    private static final Map<Integer, int[]> DOMAINS = new HashMap<>(); // id -> {entity, users}
    private static final Map<Integer, String> CONFIGS = new HashMap<>();

    private CycloneDomains() {
    }

    /** One graph's use of a domain; {@link #release()} once. */
    static final class Lease {
        private final Cyclone dds;
        private final int id;
        private boolean released;

        private Lease(Cyclone dds, int id) {
            this.dds = dds;
            this.id = id;
        }

        void release() {
            synchronized (DOMAINS) {
                if (released) {
                    return;
                }
                released = true;
                int[] d = DOMAINS.get(id);
                if (d != null && --d[1] == 0) {
                    DOMAINS.remove(id);
                    CONFIGS.remove(id);
                    dds.lib.dds_delete(d[0]);
                }
            }
        }
    }

    static Lease acquire(Cyclone dds, int id, String config) {
        synchronized (DOMAINS) {
            int[] d = DOMAINS.get(id);
            if (d == null) {
                int entity = dds.check(dds.lib.dds_create_domain(id, config),
                        "dds_create_domain " + id + (config.isEmpty() ? "" : " with configuration '" + config + "'"));
                DOMAINS.put(id, new int[] {entity, 1});
                CONFIGS.put(id, config);
            } else {
                d[1]++;
                if (!config.equals(CONFIGS.get(id))) {
                    LOG.info("domain {} is already open in this process; its first configuration stays in effect, not {}", id, config);
                }
            }
            return new Lease(dds, id);
        }
    }
}
