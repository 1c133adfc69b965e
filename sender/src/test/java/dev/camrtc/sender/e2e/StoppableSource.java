package dev.camrtc.sender.e2e;

import dev.camrtc.protocol.StreamDescription;
import dev.camrtc.sender.camera.CameraSource;
import dev.camrtc.sender.camera.FrameSink;
import dev.camrtc.sender.control.CameraControls;
import java.util.List;
import java.util.Set;

/** A real source whose frames stop reaching the sender on {@link #stop()} (a camera that stalls) until {@link #resume()}. */
final class StoppableSource implements CameraSource {

    private final CameraSource source;
    private volatile boolean stopped;

    StoppableSource(CameraSource source) {
        this.source = source;
    }

    void stop() {
        stopped = true;
    }

    void resume() {
        stopped = false;
    }

    @Override
    public String description() {
        return "stoppable " + source.description();
    }

    @Override
    public List<StreamDescription> streams() {
        return source.streams();
    }

    @Override
    public void start(FrameSink sink) {
        source.start(frame -> {
            if (!stopped) {
                sink.accept(frame);
            }
        });
    }

    @Override
    public void demand(Set<String> streams) {
        source.demand(streams);
    }

    @Override
    public CameraControls controls() {
        return source.controls();
    }

    @Override
    public void close() {
        source.close();
    }
}
