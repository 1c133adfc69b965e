package dev.camrtc.sender.whep;

import dev.camrtc.media.rtc.AnsweringSender;
import dev.camrtc.sender.webrtc.SessionSlots;
import dev.camrtc.sender.webrtc.WebRtcStreams;
import java.util.List;

/**
 * One WHEP session: its {@link AnsweringSender} and its share of the {@link WebRtcStreams}. {@link #close()}
 * closes the peer (removing its tracks), then releases the streams: in that order, once.
 *
 * @param id    the session resource's id ({@code /whep/<id>}), 128 random bits
 * @param etag  the entity tag of the session resource (RFC 9725: {@code If-Match} of a PATCH must match it)
 * @param ufrag the ICE username fragment of the player's offer (a PATCH with another one is an ICE restart)
 */
record WhepSession(String id, String etag, String ufrag, List<String> streams, AnsweringSender peer,
                   WebRtcStreams shared, SessionSlots.Slot slot) implements AutoCloseable {

    @Override
    public void close() {
        try {
            peer.close();
        } finally {
            try {
                shared.release(streams);
            } finally {
                slot.close();
            }
        }
    }
}
