package dev.camrtc.media.rtc;

import dev.camrtc.protocol.SessionDescription;
import dev.camrtc.protocol.StreamMid;
import java.util.List;

/** An offer ready to send (PROTOCOL.md 3.3 step 3): the SDP and which m-line carries which stream. */
public record LocalOffer(SessionDescription offer, List<StreamMid> streams) {
    public LocalOffer {
        streams = List.copyOf(streams);
    }
}
