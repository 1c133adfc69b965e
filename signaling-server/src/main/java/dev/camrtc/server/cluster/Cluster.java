package dev.camrtc.server.cluster;

import dev.camrtc.protocol.SenderInfo;
import dev.camrtc.server.connection.Peer;
import dev.camrtc.server.directory.DirectoryShare;

/**
 * The seam between one instance and the cluster it may belong to (PROTOCOL.md 4). The single-instance
 * server uses {@link #NONE}: every id is local and nothing leaves the process. {@link RedisCluster} shares
 * the directory and relays to peers on other instances.
 *
 * <p>Ids carry their instance: {@code s-<instance>x<sequence><random>} ({@link #idTag()}), so any instance
 * knows where to send a message for an id without asking.
 */
public interface Cluster extends DirectoryShare, AutoCloseable {

    /** What this instance's ids start with after {@code s-}/{@code r-}: {@code "<tag>x"}, or {@code ""} when alone. */
    String idTag();

    /** True when {@code senderId} is a live sender on another instance. */
    boolean hasRemoteSender(String senderId);

    /**
     * True when the remote receiver {@code receiverId} may get {@code type} from the local sender
     * {@code senderId}: it sent it {@code request_offer} (or {@code control}, for {@code control_result}).
     */
    boolean holdsRemoteSession(String senderId, String receiverId, String type);

    /**
     * Sends {@code text} (already addressed by {@code from}) to {@code targetId} on its instance;
     * {@code arrivedNanos} ({@link System#nanoTime()}) is when it arrived here.
     */
    void forward(Peer from, String targetId, String type, String text, long arrivedNanos);

    /** A local receiver left; {@code senderId} is a remote sender it held a session or a control with. */
    void receiverLeft(String receiverId, String senderId);

    @Override
    void close();

    /** A server alone: nothing is remote. */
    Cluster NONE = new Cluster() {
        @Override public String idTag() { return ""; }
        @Override public boolean hasRemoteSender(String senderId) { return false; }
        @Override public boolean holdsRemoteSession(String senderId, String receiverId, String type) { return false; }
        @Override public void forward(Peer from, String targetId, String type, String text, long arrivedNanos) { }
        @Override public void senderChanged(SenderInfo info) { }
        @Override public void senderLeft(String senderId) { }
        @Override public void receiverLeft(String receiverId, String senderId) { }
        @Override public void close() { }
    };

    /** The instance tag of an id made by {@link dev.camrtc.server.connection.PeerIds} in a cluster, or null. */
    static String tagOf(String id) {
        if (id == null || id.length() < 3) {
            return null;
        }
        int x = id.indexOf('x', 2);
        return x > 2 ? id.substring(2, x) : null;
    }
}
