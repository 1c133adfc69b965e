package dev.camrtc.protocol;

import static dev.camrtc.protocol.JsonFields.optionalArray;
import static dev.camrtc.protocol.JsonFields.optionalInt;
import static dev.camrtc.protocol.JsonFields.optionalObject;
import static dev.camrtc.protocol.JsonFields.optionalString;
import static dev.camrtc.protocol.JsonFields.present;
import static dev.camrtc.protocol.JsonFields.requireArray;
import static dev.camrtc.protocol.JsonFields.requireBoolean;
import static dev.camrtc.protocol.JsonFields.requireInt;
import static dev.camrtc.protocol.JsonFields.requireNumber;
import static dev.camrtc.protocol.JsonFields.requireObject;
import static dev.camrtc.protocol.JsonFields.requireString;
import static dev.camrtc.protocol.JsonFields.stringElements;
import static dev.camrtc.protocol.JsonFields.wrongType;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The field table of PROTOCOL.md 3.7, plus type checks of every optional field the protocol names
 * (wrong type = {@code bad_message}). Unknown fields are never checked.
 */
final class MessageValidator {

    private MessageValidator() {
    }

    /**
     * @param from the role that sent the message to the server, or null for a message the server sent
     *             (then relayed types need either addressing field instead of the role's one)
     */
    static void validate(String type, JsonNode m, Role from) throws InvalidMessageException {
        if (MessageRules.isRelayed(type)) {
            addressing(m, from);
            optionalString(m, "session_id", "");
        }
        switch (type) {
            case Registered.TYPE -> registered(m);
            case SenderInfo.TYPE -> {
                requireString(m, "sender_id", "");
                senderFields(m);
            }
            case Announce.TYPE -> senderFields(m);
            case SenderLeft.TYPE -> requireString(m, "sender_id", "");
            case ReceiverLeft.TYPE -> requireString(m, "receiver_id", "");
            case ErrorMessage.TYPE -> error(m);
            case RequestOffer.TYPE -> requestOffer(m);
            case Offer.TYPE -> offer(m);
            case Answer.TYPE -> sessionDescription(m, "answer");
            case Candidate.TYPE -> candidate(m);
            case Hangup.TYPE -> optionalString(m, "reason", "");
            case Control.TYPE -> control(m);
            case ControlResult.TYPE -> {
                requireString(m, "request_id", "");
                requireBoolean(m, "ok", "");
                optionalString(m, "error", "");
            }
            default -> throw new IllegalArgumentException("no validation for type " + type);
        }
    }

    private static void addressing(JsonNode m, Role from) throws InvalidMessageException {
        optionalString(m, "sender_id", "");
        optionalString(m, "receiver_id", "");
        if (from != null) {
            JsonFields.require(m, from.addressField(), "");
        } else if (!present(m, "sender_id") && !present(m, "receiver_id")) {
            throw new InvalidMessageException("missing field 'sender_id' or 'receiver_id'");
        }
    }

    private static void registered(JsonNode m) throws InvalidMessageException {
        optionalString(m, "sender_id", "");
        optionalString(m, "receiver_id", "");
        if (!present(m, "sender_id") && !present(m, "receiver_id")) {
            throw new InvalidMessageException("missing field 'sender_id' or 'receiver_id'");
        }
        requireInt(m, "protocol", "");
        JsonNode servers = requireArray(m, "ice_servers", "");
        for (int i = 0; i < servers.size(); i++) {
            String path = "ice_servers[" + i + "]";
            JsonNode server = servers.get(i);
            if (!server.isObject()) {
                throw wrongType(path, "an object");
            }
            JsonFields.require(server, "urls", path + ".");
            JsonNode urls = server.get("urls");
            if (urls.isArray()) {
                stringElements(urls, path + ".urls");
            } else if (!urls.isTextual()) {
                throw wrongType(path + ".urls", "a string or an array of strings");
            }
            optionalString(server, "username", path + ".");
            optionalString(server, "credential", path + ".");
        }
    }

    private static void senderFields(JsonNode m) throws InvalidMessageException {
        optionalString(m, "name", "");
        optionalString(m, "mjpeg_url", "");
        JsonNode streams = optionalArray(m, "streams", "");
        if (streams != null) {
            for (int i = 0; i < streams.size(); i++) {
                stream(streams.get(i), "streams[" + i + "]");
            }
        }
    }

    private static void stream(JsonNode s, String path) throws InvalidMessageException {
        if (!s.isObject()) {
            throw wrongType(path, "an object");
        }
        String prefix = path + ".";
        requireString(s, "name", prefix);
        optionalInt(s, "width", prefix);
        optionalInt(s, "height", prefix);
        optionalInt(s, "fps", prefix);
        optionalString(s, "encoding", prefix);
        optionalString(s, "transport", prefix);
        if (present(s, "depth_units")) {
            JsonNode units = s.get("depth_units");
            if (!units.isNumber() || !(units.asDouble() > 0) || Double.isInfinite(units.asDouble())) {
                throw wrongType(prefix + "depth_units", "a positive number (metres per unit)");
            }
        }
        JsonNode intrinsics = optionalObject(s, "intrinsics", prefix);
        if (intrinsics != null) {
            String ip = prefix + "intrinsics.";
            for (String field : new String[] {"fx", "fy", "ppx", "ppy"}) {
                requireNumber(intrinsics, field, ip);
            }
            optionalString(intrinsics, "model", ip);
            JsonNode coeffs = optionalArray(intrinsics, "coeffs", ip);
            if (coeffs != null) {
                for (int i = 0; i < coeffs.size(); i++) {
                    if (!coeffs.get(i).isNumber()) {
                        throw wrongType(ip + "coeffs[" + i + "]", "a number");
                    }
                }
            }
        }
    }

    private static void error(JsonNode m) throws InvalidMessageException {
        requireString(m, "code", "");
        if (ErrorCode.fromWireName(m.get("code").asText()) == null) {
            throw new InvalidMessageException("field 'code' has unknown value " + quote(m.get("code").asText()));
        }
        optionalString(m, "message", "");
        optionalString(m, "ref", "");
    }

    private static void requestOffer(JsonNode m) throws InvalidMessageException {
        JsonNode streams = optionalArray(m, "streams", "");
        if (streams != null) {
            if (streams.isEmpty()) {
                throw new InvalidMessageException("field 'streams' must not be empty (omit it for all streams)");
            }
            stringElements(streams, "streams");
        }
    }

    private static void offer(JsonNode m) throws InvalidMessageException {
        sessionDescription(m, "offer");
        JsonNode streams = optionalArray(m, "streams", "");
        if (streams != null) {
            for (int i = 0; i < streams.size(); i++) {
                String path = "streams[" + i + "]";
                if (!streams.get(i).isObject()) {
                    throw wrongType(path, "an object");
                }
                requireString(streams.get(i), "mid", path + ".");
                requireString(streams.get(i), "name", path + ".");
            }
        }
    }

    private static void sessionDescription(JsonNode m, String field) throws InvalidMessageException {
        JsonNode description = requireObject(m, field, "");
        requireString(description, "type", field + ".");
        requireString(description, "sdp", field + ".");
    }

    private static void candidate(JsonNode m) throws InvalidMessageException {
        if (!m.has("candidate")) {
            throw new InvalidMessageException("missing field 'candidate' (null means end of candidates)");
        }
        JsonNode candidate = m.get("candidate");
        if (candidate.isNull()) {
            return;
        }
        if (!candidate.isObject()) {
            throw wrongType("candidate", "an object or null");
        }
        optionalString(candidate, "candidate", "candidate.");
        optionalString(candidate, "sdp_mid", "candidate.");
        optionalInt(candidate, "sdp_mline_index", "candidate.");
    }

    /** Quotes a peer-supplied value for an error message, cut to 40 characters. */
    static String quote(String value) {
        return "'" + (value.length() > 40 ? value.substring(0, 40) + "..." : value) + "'";
    }

    private static void control(JsonNode m) throws InvalidMessageException {
        requireString(m, "request_id", "");
        requireString(m, "op", "");
        String op = m.get("op").asText();
        if (!MessageRules.CONTROL_OPS.contains(op)) {
            throw new InvalidMessageException("field 'op' must be list, get or set, not " + quote(op));
        }
        optionalString(m, "name", "");
    }
}
