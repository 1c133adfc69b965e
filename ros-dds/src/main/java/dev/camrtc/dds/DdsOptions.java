package dev.camrtc.dds;

import java.util.Map;
import java.util.Objects;

/**
 * How to join the ROS 2 graph. Build one with {@link #fromEnvironment()} (reads {@code ROS_DOMAIN_ID},
 * {@code ROS_DISTRO}; defaults from {@link Defaults}) and adjust it with the {@code with...} methods.
 *
 * @param domainId     DDS domain, 0..{@value Defaults#MAX_DOMAIN_ID}
 * @param nodeName     node name shown by {@code ros2 node list}
 * @param namespace    node namespace ({@code /} or {@code /cam2}); relative topic names resolve against it
 * @param distro       layout of the {@code ros_discovery_info} announcement
 * @param cycloneXml   extra Cyclone configuration (XML fragment such as
 *                     {@code <CycloneDDS><Domain>...</Domain></CycloneDDS>}, or a {@code file://} URI),
 *                     applied after {@code CYCLONEDDS_URI}; null for none
 * @param libraryPath  explicit path of libddsc; null to use {@code CAMRTC_DDSC_LIBRARY} or the sonames
 */
public record DdsOptions(int domainId, String nodeName, String namespace, RosDistro distro,
                         String cycloneXml, String libraryPath) {

    public DdsOptions {
        if (domainId < 0 || domainId > Defaults.MAX_DOMAIN_ID) {
            throw new IllegalArgumentException("ROS domain id must be 0.." + Defaults.MAX_DOMAIN_ID + ", got " + domainId);
        }
        Objects.requireNonNull(distro, "distro");
        RosNames.checkNodeName(nodeName);
        namespace = RosNames.checkNamespace(namespace);
    }

    /** Defaults, with the domain and distribution of the environment ({@code ROS_DOMAIN_ID}, {@code ROS_DISTRO}). */
    public static DdsOptions fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    static DdsOptions fromEnvironment(Map<String, String> env) {
        String domainText = env.get(Defaults.DOMAIN_ID_ENV);
        int domain = Defaults.DOMAIN_ID;
        if (domainText != null && !domainText.isBlank()) {
            try {
                domain = Integer.parseInt(domainText.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(Defaults.DOMAIN_ID_ENV + " must be a number 0.."
                        + Defaults.MAX_DOMAIN_ID + ", got '" + domainText + "'");
            }
        }
        String distroText = env.get(Defaults.ROS_DISTRO_ENV);
        RosDistro distro = distroText == null || distroText.isBlank() ? Defaults.ROS_DISTRO : RosDistro.fromName(distroText);
        return new DdsOptions(domain, Defaults.NODE_NAME, Defaults.NAMESPACE, distro, null, null);
    }

    public DdsOptions withDomainId(int id) {
        return new DdsOptions(id, nodeName, namespace, distro, cycloneXml, libraryPath);
    }

    public DdsOptions withNode(String name, String ns) {
        return new DdsOptions(domainId, name, ns, distro, cycloneXml, libraryPath);
    }

    public DdsOptions withDistro(RosDistro d) {
        return new DdsOptions(domainId, nodeName, namespace, d, cycloneXml, libraryPath);
    }

    public DdsOptions withCycloneXml(String xml) {
        return new DdsOptions(domainId, nodeName, namespace, distro, xml, libraryPath);
    }

    public DdsOptions withLibraryPath(String path) {
        return new DdsOptions(domainId, nodeName, namespace, distro, cycloneXml, path);
    }
}
