package dev.camrtc.sender.settings;

import dev.camrtc.media.depth.DepthCodec;
import dev.camrtc.media.rtc.PeerSettings;
import dev.camrtc.protocol.client.SignalingOptions;
import dev.camrtc.sender.camera.SourceOptions;
import dev.camrtc.sender.http.HttpConfig;
import dev.camrtc.sender.sfu.SfuSettings;
import dev.camrtc.sender.webrtc.SessionLimits;
import java.net.URI;
import java.util.Optional;

/**
 * What {@code RunningSender.start} is started with: one settings record per feature, each with its own
 * documented defaults. The command line ({@code cli.SenderConfig}, also fed by the config file) implements this;
 * nothing here knows about flags, so the features never import the {@code cli} package.
 */
public interface SenderSettings {

    /** The camera spec ({@code CameraSources.open}), e.g. {@code testpattern} or {@code bag:/path}. */
    String source();

    /** Profiles, serial, always-on, depth colorizing ({@link SourceOptions#defaults()}). */
    SourceOptions sourceOptions();

    /** The display name; empty: the signaling server names the sender {@code sender-<id>}. */
    Optional<String> name();

    /** The HTTP server (MJPEG, {@code /jpg}, {@code /set}); empty: the sender runs without one. */
    Optional<HttpConfig> http();

    /** The signaling server to register with, the sender's name and the access token. */
    SignalingOptions signaling();

    /** Codec (checked against this libwebrtc build at start), bitrates and trickle of every peer. */
    PeerSettings peerSettings();

    /** Most sessions at once and the answer timeout. */
    SessionLimits sessionLimits();

    /** How {@code depth_z16} frames are encoded on their data channel (PROTOCOL.md 8). */
    DepthCodec depthCodec();

    /** The {@code mjpeg_url} announced to receivers; empty without an HTTP server. */
    Optional<URI> mjpegUrl();

    /** The SFU ({@code --sfu}) receivers are served through; empty: every receiver peer-to-peer. */
    default Optional<SfuSettings> sfu() {
        return Optional.empty();
    }
}
