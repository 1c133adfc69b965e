package dev.camrtc.ros.e2e;

import dev.camrtc.protocol.Intrinsics;
import dev.camrtc.protocol.StreamDescription;
import dev.camrtc.sender.camera.CameraSource;
import dev.camrtc.sender.camera.FrameSink;
import dev.camrtc.sender.control.CameraControls;
import java.util.List;
import java.util.Set;

/**
 * A real camera source (the sender's test pattern) whose streams also report intrinsics, as a RealSense
 * camera does, so that the sender announces them and the receiver publishes camera_info.
 */
final class IntrinsicsSource implements CameraSource {
    static final Intrinsics COLOR = new Intrinsics(615.5, 615.25, 321.0, 239.5, "brown_conrady",
            List.of(0.1, -0.2, 0.001, 0.002, 0.05));
    static final Intrinsics INFRARED = new Intrinsics(385.0, 385.0, 320.0, 240.0, "none", null);

    private final CameraSource delegate;

    IntrinsicsSource(CameraSource delegate) {
        this.delegate = delegate;
    }

    @Override
    public String description() {
        return delegate.description() + " with intrinsics";
    }

    @Override
    public List<StreamDescription> streams() {
        return delegate.streams().stream()
                .map(s -> s.withIntrinsics(s.name().equals("color") ? COLOR : INFRARED)).toList();
    }

    @Override
    public void start(FrameSink sink) {
        delegate.start(sink);
    }

    @Override
    public void demand(Set<String> streams) {
        delegate.demand(streams);
    }

    @Override
    public CameraControls controls() {
        return delegate.controls();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
