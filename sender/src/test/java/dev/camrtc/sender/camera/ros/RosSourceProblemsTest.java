package dev.camrtc.sender.camera.ros;

import static dev.camrtc.sender.camera.ros.RosSourceTest.DOMAIN;
import static dev.camrtc.sender.camera.ros.RosSourceTest.OPTIONS;
import static dev.camrtc.sender.camera.ros.RosSourceTest.count;
import static dev.camrtc.sender.camera.ros.RosSourceTest.publisher;
import static dev.camrtc.sender.camera.ros.RosSourceTest.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.camrtc.dds.PeerProcess;
import dev.camrtc.dds.Reliability;
import dev.camrtc.sender.camera.CameraUnavailableException;
import dev.camrtc.sender.camera.RosSourceOptions;
import dev.camrtc.sender.camera.ros.RosSourceTest.Got;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * What the ROS source refuses, each with one message naming the topic and what it carries, against real Cyclone
 * C publishers: an encoding it cannot stream, another message type on the topic (from DDS discovery), and a
 * publisher whose QoS cannot match the subscriber's.
 */
@Tag("media")
class RosSourceProblemsTest {

    @Test
    void anEncodingItCannotStreamIsRefusedNamingTheTopic() throws Exception {
        try (PeerProcess pub = publisher("rt/odd/image_raw", "yuv422", 64, 48)) {
            pub.await("PUB", Duration.ofSeconds(10));
            CameraUnavailableException e = assertThrows(CameraUnavailableException.class, () -> new RosSource(
                    RosStreamSpec.parse("/odd/image_raw", "/"), OPTIONS, false, 1000, "ros-test").close());
            assertTrue(e.getMessage().contains("ROS topic /odd/image_raw publishes sensor_msgs/Image in encoding yuv422"),
                    e.getMessage());
        }
    }


    @Test
    void aTopicOfAnotherTypeIsRefusedNamingWhatItPublishes() throws Exception {
        try (PeerProcess pub = publisher("rt/typed/color/image_raw", "bgr8", 64, 48, "--info", "rt/typed/color/camera_info")) {
            pub.await("PUB", Duration.ofSeconds(10));
            CameraUnavailableException e = assertThrows(CameraUnavailableException.class, () -> new RosSource(
                    RosStreamSpec.parse("/typed/color/camera_info", "/"),
                    RosSourceOptions.defaults().withDomainId(DOMAIN).withProbe(Duration.ofSeconds(1)), false, 1000,
                    "ros-test").close());
            assertTrue(e.getMessage().contains("ROS topic /typed/color/camera_info publishes sensor_msgs/msg/CameraInfo, "
                    + "not sensor_msgs/msg/Image"), e.getMessage());
        }
    }


    @Test
    void aPublisherWhoseQosCannotMatchIsNamedWithTheFix() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(RosSource.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        try (PeerProcess pub = publisher("rt/qos/color/image_raw", "bgr8", 64, 48, "best_effort");
             RosSource source = new RosSource(RosStreamSpec.parse("/qos/color/image_raw", "/"),
                     new RosSourceOptions("/", "camrtc_sender", DOMAIN, RosSourceOptions.defaults().distro(),
                             Reliability.RELIABLE, 1, null, Duration.ofMillis(500), 30), false, 1000, "ros-test")) {
            pub.await("PUB", Duration.ofSeconds(10));
            List<Got> got = new ArrayList<>();
            source.start(frame -> record(got, frame));
            source.demand(Set.of("color"));
            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < end && log.list.stream().noneMatch(e -> e.getFormattedMessage().contains("QoS"))) {
                Thread.sleep(50);
            }
            assertTrue(log.list.stream().anyMatch(e -> e.getLevel() == Level.WARN && e.getFormattedMessage().contains(
                    "ROS topic /qos/color/image_raw has a publisher whose QoS does not match this subscriber's (reliable")),
                    "logged: " + log.list);
            assertEquals(0, count(got, "color"), "a reliable subscriber gets nothing from a best-effort publisher");
        } finally {
            logger.detachAppender(log);
        }
    }

}
