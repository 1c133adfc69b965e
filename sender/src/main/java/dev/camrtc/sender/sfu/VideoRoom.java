package dev.camrtc.sender.sfu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.camrtc.protocol.StreamMid;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The requests of Janus's VideoRoom plugin (Janus 1.1, multistream) this sender uses, and what it reads from
 * their answers. One room per sender, its number derived from the sender's name and its description the name.
 */
final class VideoRoom {

    static final String PLUGIN = "janus.plugin.videoroom";
    private static final int ROOM_EXISTS = 427;
    /** Publishers one room takes. */
    static final int MAX_PUBLISHERS = 16;

    private VideoRoom() {
    }

    /** The room number of the sender named {@code name}: a CRC-32 of the name, never 0. */
    static long roomFor(String name) {
        CRC32 crc = new CRC32();
        crc.update(name.getBytes(StandardCharsets.UTF_8));
        return crc.getValue() == 0 ? 1 : crc.getValue();
    }

    /**
     * Creates room {@code room} unless it exists. {@code publishers} leaves room for stale publishers of earlier runs
     * of this sender (Janus drops them when their session times out) and for senders without {@code --name}, which
     * all share the room of the name {@code sender}.
     */
    static void ensure(JanusHandle h, long room, String description, String codec) {
        JsonNode exists = h.request(body("exists").put("room", room));
        if (exists.path("exists").asBoolean(false)) {
            return;
        }
        ObjectNode create = body("create").put("room", room).put("description", description).put("publishers", MAX_PUBLISHERS)
                .put("videocodec", codec).put("bitrate", 0).put("notify_joining", false).put("permanent", false);
        try {
            h.request(create);
        } catch (JanusException e) {
            if (e.code() != ROOM_EXISTS) {
                throw e;
            }
        }
    }

    static ObjectNode joinPublisher(long room, String display) {
        return body("join").put("ptype", "publisher").put("room", room).put("display", display);
    }

    /** {@code publish} with one description per video m-line: Janus hands them on to subscribers. */
    static ObjectNode publish(List<StreamMid> streams) {
        ObjectNode p = body("publish").put("audio", false).put("data", false);
        ArrayNode d = p.putArray("descriptions");
        for (StreamMid s : streams) {
            d.addObject().put("mid", s.mid()).put("description", s.name());
        }
        return p;
    }

    /** Joins as subscriber to the publisher's m-lines {@code publisherMids}, in that order. */
    static ObjectNode joinSubscriber(long room, long feed, List<String> publisherMids) {
        ObjectNode j = body("join").put("ptype", "subscriber").put("room", room);
        ArrayNode streams = j.putArray("streams");
        for (String mid : publisherMids) {
            streams.addObject().put("feed", feed).put("mid", mid);
        }
        return j;
    }

    static ObjectNode start() {
        return body("start");
    }

    /**
     * The subscriber's m-lines as our stream names (PROTOCOL.md 3.3 {@code streams}): each video stream of the
     * {@code attached} event's {@code streams}, its {@code feed_mid} looked up in {@code namesByPublisherMid}.
     *
     * @throws JanusException when a video m-line belongs to no stream we published
     */
    static List<StreamMid> subscriberStreams(JsonNode attached, Map<String, String> namesByPublisherMid) {
        List<StreamMid> out = new ArrayList<>();
        for (JsonNode s : attached.path("streams")) {
            if (!"video".equals(s.path("type").asText())) {
                continue;
            }
            String name = namesByPublisherMid.get(s.path("feed_mid").asText());
            if (name == null) {
                throw new JanusException("Janus offers m-line " + s.path("mid").asText() + " of feed m-line "
                        + s.path("feed_mid").asText() + ", which is none of the published streams");
            }
            out.add(new StreamMid(s.path("mid").asText(), name));
        }
        return out;
    }

    private static ObjectNode body(String request) {
        return JanusSession.JSON.createObjectNode().put("request", request);
    }
}
