package dev.camrtc.dds.cyclone;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.camrtc.dds.CameraInfoPublisher;
import dev.camrtc.dds.CameraInfoSubscriber;
import dev.camrtc.dds.CompressedImageSubscriber;
import dev.camrtc.dds.CompressedImagePublisher;
import dev.camrtc.dds.DdsOptions;
import dev.camrtc.dds.Defaults;
import dev.camrtc.dds.ImagePublisher;
import dev.camrtc.dds.ImageSubscriber;
import dev.camrtc.dds.QosOptions;
import dev.camrtc.dds.RosGraph;
import dev.camrtc.dds.RosNames;
import dev.camrtc.dds.SubscriberWaitSet;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link RosGraph} on Cyclone DDS: one domain participant (the node), its discovery announcer and
 * writers and readers. Close order: writers and readers are marked deleted (waiting for any write or take in flight), then the
 * participant is deleted, which deletes its topics and writers; then the domain, when this graph
 * was the last user of it in the process.
 */
public final class CycloneGraph implements RosGraph {
    private static final Logger LOG = LoggerFactory.getLogger(CycloneGraph.class);

    private final Cyclone dds;
    private final DdsOptions options;
    private final CycloneDomains.Lease domain;
    private final int participant;
    private final DiscoveryAnnouncer announcer;
    private final TopicType imageType = RosTypes.image();
    private final TopicType compressedType = RosTypes.compressedImage();
    private final TopicType infoType = RosTypes.cameraInfo();
    private final List<CycloneEndpoint> endpoints = new ArrayList<>();
    private boolean closed;

    private CycloneGraph(Cyclone dds, DdsOptions options) {
        this.dds = dds;
        this.options = options;
        this.domain = CycloneDomains.acquire(dds, options.domainId(), configuration(options));
        int p = -1;
        try {
            Pointer qos = dds.lib.dds_create_qos();
            try {
                // rmw_cyclonedds puts the security enclave in the participant's USER_DATA.
                byte[] enclave = "enclave=/;".getBytes(StandardCharsets.US_ASCII);
                Memory m = new Memory(enclave.length);
                m.write(0, enclave, 0, enclave.length);
                dds.lib.dds_qset_userdata(qos, m, enclave.length);
                p = dds.check(dds.lib.dds_create_participant(options.domainId(), qos, null), "dds_create_participant");
            } finally {
                dds.lib.dds_delete_qos(qos);
            }
            this.participant = p;
            this.announcer = new DiscoveryAnnouncer(dds, p, options.distro().gidSize());
            announce();
        } catch (RuntimeException e) {
            if (p > 0) {
                dds.lib.dds_delete(p);
            }
            domain.release();
            throw e;
        }
    }

    /** Loads Cyclone (see {@link CycloneLoader}) and joins the domain of {@code options}. */
    public static CycloneGraph open(DdsOptions options) {
        Cyclone dds = new Cyclone(CycloneLoader.load(options.libraryPath()));
        CycloneGraph graph = new CycloneGraph(dds, options);
        LOG.info("{}: joined ROS 2 domain {} with Cyclone DDS {} ({}), discovery layout {}", graph.nodeFullName(),
                options.domainId(), dds.version, dds.file, options.distro());
        return graph;
    }

    /** {@link Defaults#CYCLONE_TUNING_XML}, CYCLONEDDS_URI (if set), then the options' XML (later settings win). */
    static String configuration(DdsOptions options) {
        List<String> parts = new ArrayList<>();
        parts.add(Defaults.CYCLONE_TUNING_XML);
        String env = System.getenv(Defaults.CYCLONE_URI_ENV);
        if (env != null && !env.isBlank()) {
            parts.add(env.trim());
        }
        if (options.cycloneXml() != null && !options.cycloneXml().isBlank()) {
            parts.add(options.cycloneXml().trim());
        }
        return String.join(",", parts);
    }

    @Override
    public ImagePublisher imagePublisher(String topic, QosOptions qos) {
        return add(topic, "publishing", t -> new CycloneImagePublisher(this, imageType, t, qos));
    }

    @Override
    public CameraInfoPublisher cameraInfoPublisher(String topic, QosOptions qos) {
        return add(topic, "publishing", t -> new CycloneCameraInfoPublisher(this, infoType, t, qos));
    }

    @Override
    public CompressedImagePublisher compressedImagePublisher(String topic, QosOptions qos) {
        return add(topic, "publishing", t -> new CycloneCompressedImagePublisher(this, compressedType, t, qos));
    }

    @Override
    public ImageSubscriber imageSubscriber(String topic, QosOptions qos) {
        return add(topic, "subscribed to", t -> new CycloneImageSubscriber(this, imageType, t, qos));
    }

    @Override
    public CompressedImageSubscriber compressedImageSubscriber(String topic, QosOptions qos) {
        return add(topic, "subscribed to", t -> new CycloneCompressedImageSubscriber(this, compressedType, t, qos));
    }

    @Override
    public CameraInfoSubscriber cameraInfoSubscriber(String topic, QosOptions qos) {
        return add(topic, "subscribed to", t -> new CycloneCameraInfoSubscriber(this, infoType, t, qos));
    }

    private PublicationTypes publications; // made at first use, deleted with the participant

    @Override
    public synchronized java.util.List<String> publishedTypes(String topic) {
        if (closed) {
            throw new IllegalStateException(nodeFullName() + " is closed");
        }
        if (publications == null) {
            publications = new PublicationTypes(dds, participant);
        }
        return publications.types(RosNames.ddsTopic(RosNames.resolveTopic(options.namespace(), topic))).stream()
                .map(RosNames::rosType).toList();
    }

    @Override
    public synchronized SubscriberWaitSet waitSet() {
        if (closed) {
            throw new IllegalStateException(nodeFullName() + " is closed");
        }
        return new CycloneWaitSet(dds, participant);
    }

    private synchronized <E extends CycloneEndpoint> E add(String topic, String verb, Function<String, E> make) {
        if (closed) {
            throw new IllegalStateException(nodeFullName() + " is closed");
        }
        String full = RosNames.resolveTopic(options.namespace(), topic);
        E endpoint = make.apply(full);
        endpoints.add(endpoint);
        announce();
        LOG.info("{}: {} {}", nodeFullName(), verb, full);
        return endpoint;
    }

    synchronized void removed(CycloneEndpoint endpoint) {
        if (endpoints.remove(endpoint) && !closed) {
            announce();
        }
    }

    private void announce() {
        List<byte[]> writerGuids = new ArrayList<>();
        List<byte[]> readerGuids = new ArrayList<>();
        for (CycloneEndpoint e : endpoints) {
            (e instanceof CycloneReader ? readerGuids : writerGuids).add(e.guid());
        }
        announcer.announce(options.namespace(), options.nodeName(), readerGuids, writerGuids);
    }

    Cyclone dds() {
        return dds;
    }

    int participant() {
        return participant;
    }

    @Override
    public DdsOptions options() {
        return options;
    }

    @Override
    public String nodeFullName() {
        return (options.namespace().equals("/") ? "" : options.namespace()) + "/" + options.nodeName();
    }

    @Override
    public void close() {
        List<CycloneEndpoint> toDelete;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toDelete = new ArrayList<>(endpoints);
            endpoints.clear();
        }
        for (CycloneEndpoint e : toDelete) {
            e.markDeleted();
        }
        int rc = dds.lib.dds_delete(participant);
        if (rc < 0) {
            LOG.warn("{}: deleting the participant failed: {}", nodeFullName(), dds.text(rc));
        }
        domain.release();
        LOG.info("{}: left ROS 2 domain {}", nodeFullName(), options.domainId());
    }
}
