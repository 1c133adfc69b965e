package dev.camrtc.protocol;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A trickled ICE candidate, either direction through the server (PROTOCOL.md 3.4). A null
 * {@code candidate} means end of candidates and is written as {@code "candidate":null}.
 */
public record Candidate(String senderId, String receiverId,
        @JsonInclude(JsonInclude.Include.ALWAYS) IceCandidate candidate, String sessionId) implements Addressed {

    public static final String TYPE = "candidate";

    /** As a receiver sends it: addressed to {@code senderId}. */
    public static Candidate toSender(String senderId, IceCandidate candidate, String sessionId) {
        return new Candidate(senderId, null, candidate, sessionId);
    }

    /** As a sender sends it: addressed to {@code receiverId}. */
    public static Candidate toReceiver(String receiverId, IceCandidate candidate, String sessionId) {
        return new Candidate(null, receiverId, candidate, sessionId);
    }

    /** True for the end-of-candidates marker. */
    @JsonIgnore
    public boolean isEndOfCandidates() {
        return candidate == null;
    }

    @Override
    public String type() {
        return TYPE;
    }
}
