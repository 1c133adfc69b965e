package dev.camrtc.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * JSON form of the signaling messages (PROTOCOL.md). Thread-safe; one shared, snake_case
 * {@link ObjectMapper}. Unknown fields are ignored on decode; encoded messages never carry {@code null}
 * (except {@code "candidate":null}, the end-of-candidates marker). {@link #decode} never throws.
 */
public final class MessageCodec {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private MessageCodec() {
    }

    /** The result of {@link #decode}: a message, or the error the server sends back for it. */
    public sealed interface Decoded {

        /**
         * A valid message. {@code json} is the raw object as received, unknown fields included, so a
         * relay can pass it on unchanged.
         */
        record Ok(Message message, ObjectNode json) implements Decoded {
        }

        /**
         * A refused message: the PROTOCOL.md 3.7 code, a message naming the bad field, and {@code ref},
         * the message's {@code type} when it was a string (else null).
         */
        record Failure(ErrorCode code, String message, String ref) implements Decoded {
        }
    }

    /**
     * Decodes a message received from the server: every known type is accepted, and a relayed type
     * needs either {@code sender_id} or {@code receiver_id}.
     */
    public static Decoded decode(String json) {
        return decode(json, null);
    }

    /**
     * Decodes a message a client of role {@code from} sent to the server: a known type that role may not
     * send is {@code not_allowed}, and relayed types need the role's addressing field
     * ({@link Role#addressField()}), as in the table of PROTOCOL.md 3.7.
     *
     * @param from the sending role; null = decode as a client does ({@link #decode(String)})
     */
    public static Decoded decode(String json, Role from) {
        if (json == null) {
            return new Decoded.Failure(ErrorCode.BAD_MESSAGE, "message is empty", null);
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JsonProcessingException | RuntimeException e) {
            return new Decoded.Failure(ErrorCode.BAD_MESSAGE, "message is not valid JSON", null);
        }
        if (tree == null || tree.isMissingNode()) {
            return new Decoded.Failure(ErrorCode.BAD_MESSAGE, "message is not valid JSON", null);
        }
        if (!tree.isObject()) {
            return new Decoded.Failure(ErrorCode.BAD_MESSAGE, "message must be a JSON object", null);
        }
        return decode((ObjectNode) tree, from);
    }

    /** Decodes an already parsed object, as {@link #decode(String, Role)}. */
    public static Decoded decode(ObjectNode json, Role from) {
        JsonNode typeNode = json.get("type");
        if (typeNode == null || typeNode.isNull()) {
            return new Decoded.Failure(ErrorCode.BAD_MESSAGE, "missing field 'type'", null);
        }
        if (!typeNode.isTextual()) {
            return new Decoded.Failure(ErrorCode.BAD_MESSAGE, "field 'type' must be a string", null);
        }
        String type = typeNode.textValue();
        Class<? extends Message> recordClass = MessageRules.TYPES.get(type);
        if (recordClass == null) {
            return new Decoded.Failure(ErrorCode.UNKNOWN_TYPE,
                    "unknown type " + MessageValidator.quote(type), type);
        }
        if (from != null && !MessageRules.mayBeSentBy(type, from)) {
            return new Decoded.Failure(ErrorCode.NOT_ALLOWED,
                    "a " + from.name().toLowerCase(java.util.Locale.ROOT) + " may not send '" + type + "'", type);
        }
        try {
            MessageValidator.validate(type, json, from);
            return new Decoded.Ok(MAPPER.treeToValue(json, recordClass), json);
        } catch (InvalidMessageException e) {
            return new Decoded.Failure(ErrorCode.BAD_MESSAGE, e.getMessage(), type);
        } catch (JsonProcessingException | RuntimeException e) {
            return new Decoded.Failure(ErrorCode.BAD_MESSAGE, "message does not fit type '" + type + "'", type);
        }
    }

    /** The JSON text of a message, {@code type} first. */
    public static String encode(Message message) {
        return encode(toTree(message));
    }

    /** The JSON text of a tree, e.g. a relayed {@link Decoded.Ok#json()}. */
    public static String encode(JsonNode tree) {
        try {
            return MAPPER.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON tree", e);
        }
    }

    /** The JSON object of a message, {@code type} first, without null fields. */
    public static ObjectNode toTree(Message message) {
        ObjectNode tree = MAPPER.createObjectNode();
        tree.put("type", message.type());
        ObjectNode fields = MAPPER.valueToTree(message);
        fields.remove("type");
        tree.setAll(fields);
        return tree;
    }

    /**
     * Any value (a record, a list, a map) as a JSON tree in this protocol's style (snake_case, no nulls),
     * e.g. the {@code value} of a {@link ControlResult}.
     */
    public static JsonNode toJson(Object value) {
        return MAPPER.valueToTree(value);
    }
}
