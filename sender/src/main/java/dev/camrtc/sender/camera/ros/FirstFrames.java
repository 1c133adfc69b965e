package dev.camrtc.sender.camera.ros;

import dev.camrtc.dds.CameraInfo;
import dev.camrtc.dds.CameraInfoSubscriber;
import dev.camrtc.dds.CompressedImageSubscriber;
import dev.camrtc.dds.ImageSubscriber;
import dev.camrtc.dds.QosOptions;
import dev.camrtc.dds.RosGraph;
import dev.camrtc.dds.RosSubscriber;
import dev.camrtc.dds.SubscriberWaitSet;
import dev.camrtc.media.jpeg.JpegDecompressor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What start-up learns of each topic before the sender announces its streams (announcements are made
 * once): the first image's size and encoding (a CompressedImage's format, and its JPEG size) and the newest
 * camera_info, waiting at most the probe time for all of them (a topic with no camera_info publisher needs
 * none). The subscriptions are closed again afterwards.
 */
final class FirstFrames {

    /** What one image topic showed; null fields when nothing came in time. */
    record Seen(Integer width, Integer height, String encoding, CameraInfo info) {
        Seen withInfo(CameraInfo i) {
            return new Seen(width, height, encoding, i);
        }
    }

    private FirstFrames() {
    }

    static Map<RosStreamSpec, Seen> probe(RosGraph graph, List<RosStreamSpec> specs, QosOptions qos, Duration timeout) {
        Map<RosStreamSpec, Seen> seen = new HashMap<>();
        List<RosSubscriber> images = new ArrayList<>();
        List<CameraInfoSubscriber> infos = new ArrayList<>();
        JpegDecompressor jpeg = specs.stream().anyMatch(RosStreamSpec::compressed) ? new JpegDecompressor() : null;
        try (SubscriberWaitSet waitSet = graph.waitSet()) {
            for (RosStreamSpec s : specs) {
                RosSubscriber image = s.compressed() ? graph.compressedImageSubscriber(s.imageTopic(), qos)
                        : graph.imageSubscriber(s.imageTopic(), qos);
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
                    Seen now = take(images.get(i), jpeg, seen.get(spec));
                    CameraInfo info = infos.get(i).takeNewest();
                    now = info == null ? now : now.withInfo(info);
                    seen.put(spec, now);
                    complete &= now.encoding() != null && (now.info() != null || infos.get(i).publisherCount() == 0);
                }
                long left = end - System.nanoTime();
                if (complete || left <= 0) {
                    return seen;
                }
                waitSet.await(Duration.ofNanos(Math.min(left, Duration.ofMillis(50).toNanos())));
            }
        } finally {
            images.forEach(RosSubscriber::close);
            infos.forEach(CameraInfoSubscriber::close);
            if (jpeg != null) {
                jpeg.close();
            }
        }
    }

    /** {@code before} updated with the newest image waiting on {@code image}, if any. */
    private static Seen take(RosSubscriber image, JpegDecompressor jpeg, Seen before) {
        Seen[] now = {before};
        if (image instanceof CompressedImageSubscriber c) {
            c.takeNewest(sample -> {
                Integer w = null;
                Integer h = null;
                if (StreamFeed.isJpeg(sample.format())) {
                    try {
                        JpegDecompressor.Size size = jpeg.size(sample.data());
                        w = size.width();
                        h = size.height();
                    } catch (IllegalArgumentException e) {
                        // announced without a size; the stream's feed reports the bad image
                    }
                }
                now[0] = new Seen(w, h, sample.format(), before.info());
            });
        } else {
            ((ImageSubscriber) image).takeNewest(sample -> now[0] = new Seen(sample.width(), sample.height(),
                    sample.encoding(), before.info()));
        }
        return now[0];
    }
}
