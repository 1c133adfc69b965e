package dev.camrtc.server.ice;

import dev.camrtc.protocol.IceServer;
import java.util.List;

/**
 * The {@code ice_servers} list of a {@code registered} message (PROTOCOL.md 3.1): the configured servers,
 * where every TURN entry configured without a username gets fresh TURN REST credentials when a secret is set.
 */
public final class IceServerProvider {

    private final List<IceServer> configured;
    private final TurnRestCredentials turnRest;

    /** @param turnRest null when no TURN secret is configured */
    public IceServerProvider(List<IceServer> configured, TurnRestCredentials turnRest) {
        this.configured = List.copyOf(configured);
        this.turnRest = turnRest;
    }

    /** The list for the peer {@code peerId}. */
    public List<IceServer> forPeer(String peerId) {
        if (turnRest == null) {
            return configured;
        }
        TurnRestCredentials.Credential credential = null;
        List<IceServer> out = new java.util.ArrayList<>(configured.size());
        for (IceServer server : configured) {
            if (server.username() == null && IceServerSpec.isTurn(server)) {
                if (credential == null) {
                    credential = turnRest.issue(peerId);
                }
                out.add(new IceServer(server.urls(), credential.username(), credential.credential()));
            } else {
                out.add(server);
            }
        }
        return out;
    }
}
