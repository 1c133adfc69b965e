package dev.camrtc.sender.whep;

import dev.camrtc.protocol.IceCandidate;
import java.util.ArrayList;
import java.util.List;

/**
 * The few facts the WHEP endpoint reads from SDP text before libwebrtc sees it: the offer's video m-lines
 * and whether each can receive, its ICE username fragment; and the candidates of a trickle-ice-sdpfrag
 * (RFC 8840) body. Everything else is libwebrtc's to judge.
 */
record SdpFacts(int videoMLines, boolean videoCanReceive, String iceUfrag, List<IceCandidate> candidates) {

    /** Facts of an offer; 400 when it is not SDP or has no video m-line that can receive. */
    static SdpFacts offer(String sdp) {
        if (sdp == null || !sdp.startsWith("v=0")) {
            throw new WhepException(400, "the body is not an SDP offer (it must start with v=0)");
        }
        SdpFacts f = parse(sdp);
        if (f.videoMLines == 0) {
            throw new WhepException(400, "the offer has no video m-line (m=video): nothing to play");
        }
        if (!f.videoCanReceive) {
            throw new WhepException(400, "the offer's video m-lines must be recvonly (or sendrecv)");
        }
        return f;
    }

    /** Candidates and ufrag of a trickle-ice-sdpfrag body (a candidate's mid is that of its m-line). */
    static SdpFacts fragment(String body) {
        return parse(body);
    }

    private static SdpFacts parse(String text) {
        int video = 0;
        int mLines = -1;
        boolean canReceive = true;
        boolean inVideo = false;
        String ufrag = null;
        String mid = null;
        List<IceCandidate> candidates = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            if (line.startsWith("m=")) {
                mLines++;
                mid = null;
                inVideo = line.startsWith("m=video ");
                if (inVideo) {
                    video++;
                }
            } else if (line.startsWith("a=mid:")) {
                mid = line.substring(6).trim();
            } else if (line.startsWith("a=ice-ufrag:") && ufrag == null) {
                ufrag = line.substring(12).trim();
            } else if (inVideo && (line.equals("a=sendonly") || line.equals("a=inactive"))) {
                canReceive = false;
            } else if (line.startsWith("a=candidate:")) {
                candidates.add(new IceCandidate(line.substring(2).trim(), mid, Math.max(mLines, 0)));
            }
        }
        return new SdpFacts(video, canReceive, ufrag, List.copyOf(candidates));
    }
}
