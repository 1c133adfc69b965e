package dev.camrtc.sender.e2e;

import dev.camrtc.sender.camera.CameraSource;
import dev.camrtc.sender.camera.FrameSink;

/** A real source whose frames stop reaching the sender on {@link #stop()} (a camera that stalls) until {@link #resume()}. */
final class StoppableSource extends ForwardingSource {

    private volatile boolean stopped;

    StoppableSource(CameraSource source) {
        super(source);
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
    public void start(FrameSink sink) {
        source.start(frame -> {
            if (!stopped) {
                sink.accept(frame);
            }
        });
    }
}
