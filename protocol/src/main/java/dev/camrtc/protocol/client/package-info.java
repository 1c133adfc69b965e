/**
 * The signaling client every Java peer uses, on the JDK WebSocket only.
 * {@link dev.camrtc.protocol.client.SignalingClient}: one connection (tests, short-lived tools).
 * {@link dev.camrtc.protocol.client.ReconnectingSignalingClient}: long-running peers; reconnects with backoff
 * and calls {@code onConnected} with the new id after each (re)connection.
 * {@link dev.camrtc.protocol.client.SignalingOptions} says where to connect;
 * {@link dev.camrtc.protocol.client.SignalingDefaults} holds every default.
 */
package dev.camrtc.protocol.client;
