package dev.camrtc.server.directory;

import dev.camrtc.protocol.SenderInfo;

/**
 * Who else hears of every change of a local sender: the cluster ({@code cluster.Cluster} extends this), or
 * {@link #NONE} for a server alone. Defined here so that the directory does not depend on the cluster.
 */
public interface DirectoryShare {

    /** A local sender joined or changed (what its receivers were just sent). */
    void senderChanged(SenderInfo info);

    /** A local sender left. */
    void senderLeft(String senderId);

    /** Nobody else: the server is alone. */
    DirectoryShare NONE = new DirectoryShare() {
        @Override public void senderChanged(SenderInfo info) { }
        @Override public void senderLeft(String senderId) { }
    };
}
