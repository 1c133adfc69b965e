package dev.camrtc.sender.sfu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * One message from Janus (an answer to a POST or an event from the long poll), as Janus's HTTP API documents it.
 *
 * @param janus       the message kind: {@code success}, {@code ack}, {@code event}, {@code error},
 *                    {@code webrtcup}, {@code hangup}, {@code media}, {@code detached}, {@code keepalive}, ...
 * @param transaction the transaction it answers, or null
 * @param sender      the handle it concerns, 0 for session-level messages
 * @param data        {@code plugindata.data} (missing node when absent)
 * @param jsep        the SDP it carries ({@code type}, {@code sdp}), or null
 * @param raw         the whole message
 */
public record JanusEvent(String janus, String transaction, long sender, JsonNode data, JsonNode jsep, JsonNode raw) {

    static JanusEvent of(JsonNode m) {
        JsonNode data = m.path("plugindata").path("data");
        JsonNode jsep = m.get("jsep");
        return new JanusEvent(m.path("janus").asText(""), m.hasNonNull("transaction") ? m.get("transaction").asText() : null,
                m.path("sender").asLong(0), data.isMissingNode() ? MissingNode.getInstance() : data,
                jsep == null || jsep.isNull() ? null : jsep, m);
    }

    /** A core error ({@code janus: error}) or a plugin error ({@code error_code} in the plugin data), else null. */
    JanusException error() {
        if ("error".equals(janus)) {
            JsonNode e = raw.path("error");
            return new JanusException(e.path("code").asInt(0), "Janus error " + e.path("code").asInt(0) + ": "
                    + e.path("reason").asText("?"));
        }
        if (data.has("error_code")) {
            return new JanusException(data.path("error_code").asInt(), "Janus plugin error "
                    + data.path("error_code").asInt() + ": " + data.path("error").asText("?"));
        }
        return null;
    }
}
