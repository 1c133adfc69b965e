package dev.camrtc.sender.e2e;

import dev.camrtc.protocol.StreamDescription;
import dev.camrtc.sender.camera.CameraSource;
import dev.camrtc.sender.camera.FrameSink;
import dev.camrtc.sender.control.CameraControls;
import java.util.List;
import java.util.Set;

/** A real source passed through unchanged; test subclasses override what they watch or alter. */
abstract class ForwardingSource implements CameraSource {

    protected final CameraSource source;

    ForwardingSource(CameraSource source) {
        this.source = source;
    }

    @Override
    public String description() {
        return source.description();
    }

    @Override
    public List<StreamDescription> streams() {
        return source.streams();
    }

    @Override
    public void start(FrameSink sink) {
        source.start(sink);
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
