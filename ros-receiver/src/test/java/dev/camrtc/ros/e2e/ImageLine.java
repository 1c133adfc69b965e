package dev.camrtc.ros.e2e;

import dev.camrtc.media.frame.PixelFormat;
import dev.camrtc.media.stamp.FrameStamp;
import dev.camrtc.dds.PeerProcess;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code IMAGE} line of the Cyclone subscriber ({@code ros_sub ... --band}): header, size, encoding,
 * receive time, and the frame stamp decoded from the 80 block levels it printed.
 */
public record ImageLine(int width, int height, String encoding, int step, String frameId, long stampNanos, long recvNanos,
                 int length, Optional<FrameStamp.Stamp> frameStamp) {

    public static ImageLine parse(String line) {
        Map<String, String> f = PeerProcess.fields(line);
        long stamp = Long.parseLong(f.get("sec")) * 1_000_000_000L + Long.parseLong(f.get("nanosec"));
        int w = Integer.parseInt(f.get("w"));
        int h = Integer.parseInt(f.get("h"));
        return new ImageLine(w, h, f.get("enc"), Integer.parseInt(f.get("step")), f.get("frame_id"), stamp,
                Long.parseLong(f.get("recv_ns")), Integer.parseInt(f.get("len")),
                f.containsKey("band") ? decodeBand(f.get("band"), w, h) : Optional.empty());
    }

    public static List<ImageLine> all(List<String> output) {
        return output.stream().filter(l -> l.startsWith("IMAGE ")).map(ImageLine::parse).toList();
    }

    /** Header stamp in ms since the epoch. */
    public long stampMillis() {
        return stampNanos / 1_000_000;
    }

    /** Receive time minus the frame's capture time (its frame stamp), ms; -1 without a stamp. */
    public double latencyMillis() {
        return frameStamp.map(s -> recvNanos / 1e6 - s.captureTimeMillis()).orElse(-1.0);
    }

    /**
     * Paints the 80 block levels into a mono8 image of the frame's size (each block filled with its level) and
     * reads it with the project's one {@link FrameStamp} decoder, so every rejection rule applies.
     */
    public static Optional<FrameStamp.Stamp> decodeBand(String hex, int width, int height) {
        byte[] levels = HexFormat.of().parseHex(hex);
        int band = FrameStamp.bandHeight(height);
        ByteBuffer luma = ByteBuffer.allocate(width * height);
        for (int k = 0; k < FrameStamp.BLOCKS; k++) {
            int r = k / FrameStamp.COLUMNS;
            int c = k % FrameStamp.COLUMNS;
            for (int y = edge(r, band, FrameStamp.ROWS); y < edge(r + 1, band, FrameStamp.ROWS); y++) {
                for (int x = edge(c, width, FrameStamp.COLUMNS); x < edge(c + 1, width, FrameStamp.COLUMNS); x++) {
                    luma.put(y * width + x, levels[k]);
                }
            }
        }
        return FrameStamp.decode(luma, width, height, PixelFormat.MONO8);
    }

    private static int edge(int i, int length, int parts) {
        return (int) ((2L * i * length + parts) / (2L * parts));
    }
}
