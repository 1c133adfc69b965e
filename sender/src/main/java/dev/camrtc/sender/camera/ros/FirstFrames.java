package dev.camrtc.sender.camera.ros;

import dev.camrtc.dds.CameraInfo;
import dev.camrtc.dds.CameraInfoSubscriber;
import dev.camrtc.dds.ImageSubscriber;
import dev.camrtc.dds.QosOptions;
import dev.camrtc.dds.RosGraph;
import dev.camrtc.dds.SubscriberWaitSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What start-up learns of each topic before the sender announces its streams (announcements are made
 * once): the first image's size and encoding and the newest camera_info, waiting at most the probe time
 * for all of them. The subscriptions are closed again afterwards.
 */
final class FirstFrames {

    /** What one image topic showed; null fields when nothing came in time. */
    record Seen(Integer width, Integer height, String encoding, CameraInfo info) {
    }

    private FirstFrames() {
    }

    static Map<RosStreamSpec, Seen> probe(RosGraph graph, List<RosStreamSpec> specs, QosOptions qos, Duration timeout) {
        Map<RosStreamSpec, Seen> seen = new HashMap<>();
        List<ImageSubscriber> images = new ArrayList<>();
        List<CameraInfoSubscriber> infos = new ArrayList<>();
        try (SubscriberWaitSet waitSet = graph.waitSet()) {
            for (RosStreamSpec s : specs) {
                ImageSubscriber image = graph.imageSubscriber(s.imageTopic(), qos);
                images.add(image);
                infos.add(graph.cameraInfoSubscriber(s.infoTopic(), qos));
                waitSet.attach(image);
                seen.put(s, new Seen(null, null, null, null));
            }
            long end = System.nanoTime() + timeout.toNanos();
            while (true) {
                boolean complete = true;
                for (int i = 0; i < specs.size(); i++) {
                    RosStreamSpec spec = specs.get(i);
                    Seen before = seen.get(spec);
                    Seen[] now = {before};
                    images.get(i).takeNewest(sample -> now[0] = new Seen(sample.width(), sample.height(),
                            sample.encoding(), before.info()));
                    CameraInfo info = infos.get(i).takeNewest();
                    if (info != null) {
                        now[0] = new Seen(now[0].width(), now[0].height(), now[0].encoding(), info);
                    }
                    seen.put(spec, now[0]);
                    // A topic without a camera_info publisher beside its images has none to wait for.
                    complete &= now[0].encoding() != null && (now[0].info() != null || infos.get(i).publisherCount() == 0);
                }
                long left = end - System.nanoTime();
                if (complete || left <= 0) {
                    return seen;
                }
                waitSet.await(Duration.ofNanos(Math.min(left, Duration.ofMillis(50).toNanos())));
            }
        } finally {
            images.forEach(ImageSubscriber::close);
            infos.forEach(CameraInfoSubscriber::close);
        }
    }
}
