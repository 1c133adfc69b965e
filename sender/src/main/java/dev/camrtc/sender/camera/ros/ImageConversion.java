package dev.camrtc.sender.camera.ros;

import dev.camrtc.dds.ImageSample;
import dev.camrtc.media.frame.PixelFormat;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * Which {@code sensor_msgs/Image} encodings the ROS source streams, as which frame format, and the copy
 * of a received image's rows into a tightly packed frame buffer: bgr8, rgb8, bgra8, rgba8 to bgr8 (colour
 * order swapped, alpha dropped); mono8 and 8UC1 to mono8; 16UC1 and mono16 to depth (16UC1, little-endian;
 * big-endian images are swapped). Row padding ({@code step} beyond the pixels) is skipped.
 */
final class ImageConversion {
    /** Encoding -> the frame format it is streamed as. */
    private static final Map<String, PixelFormat> TARGETS = Map.of(
            "bgr8", PixelFormat.BGR8, "rgb8", PixelFormat.BGR8, "bgra8", PixelFormat.BGR8, "rgba8", PixelFormat.BGR8,
            "mono8", PixelFormat.MONO8, "8UC1", PixelFormat.MONO8,
            "16UC1", PixelFormat.Z16, "mono16", PixelFormat.Z16);
    private static final Map<String, Integer> BYTES_PER_PIXEL = Map.of("bgr8", 3, "rgb8", 3, "bgra8", 4, "rgba8", 4,
            "mono8", 1, "8UC1", 1, "16UC1", 2, "mono16", 2);

    /** The encodings accepted, for error messages. */
    static final String SUPPORTED = "bgr8, rgb8, bgra8, rgba8, mono8, 8UC1, 16UC1, mono16";

    private ImageConversion() {
    }

    /** The frame format {@code encoding} is streamed as, or null when it cannot be streamed. */
    static PixelFormat target(String encoding) {
        return TARGETS.get(encoding);
    }

    /**
     * Why {@code s} cannot become a frame of {@code format}, or null when it can: its encoding converts to
     * another format, or its rows are shorter than its pixels.
     */
    static String problem(ImageSample s, PixelFormat format) {
        PixelFormat t = target(s.encoding());
        if (t == null) {
            return "encoding " + s.encoding() + " is not one the sender streams (" + SUPPORTED + ")";
        }
        if (t != format) {
            return "encoding " + s.encoding() + " cannot be streamed as the announced " + format.rosEncoding();
        }
        long rowBytes = (long) s.width() * BYTES_PER_PIXEL.get(s.encoding());
        if (s.step() < rowBytes) {
            return "step " + s.step() + " is shorter than a row of " + s.width() + " " + s.encoding() + " pixels";
        }
        return null;
    }

    /** Copies {@code s} (checked with {@link #problem}) into {@code dst}, tightly packed rows from position 0. */
    static void copy(ImageSample s, ByteBuffer dst) {
        ByteBuffer src = s.data();
        int w = s.width();
        int h = s.height();
        int step = s.step();
        switch (s.encoding()) {
            case "bgr8", "mono8", "8UC1" -> copyRows(src, dst, h, step, w * BYTES_PER_PIXEL.get(s.encoding()));
            case "16UC1", "mono16" -> {
                copyRows(src, dst, h, step, w * 2);
                if (s.bigEndian()) {
                    for (int i = 0; i < w * h * 2; i += 2) {
                        byte hi = dst.get(i);
                        dst.put(i, dst.get(i + 1));
                        dst.put(i + 1, hi);
                    }
                }
            }
            case "rgb8", "rgba8", "bgra8" -> {
                int in = BYTES_PER_PIXEL.get(s.encoding());
                boolean swap = !s.encoding().startsWith("bgr");
                int o = 0;
                for (int y = 0; y < h; y++) {
                    int row = y * step;
                    for (int x = 0; x < w; x++) {
                        int p = row + x * in;
                        byte c0 = src.get(p);
                        byte c1 = src.get(p + 1);
                        byte c2 = src.get(p + 2);
                        dst.put(o, swap ? c2 : c0);
                        dst.put(o + 1, c1);
                        dst.put(o + 2, swap ? c0 : c2);
                        o += 3;
                    }
                }
            }
            default -> throw new IllegalArgumentException("unsupported encoding " + s.encoding());
        }
    }

    private static void copyRows(ByteBuffer src, ByteBuffer dst, int h, int step, int rowBytes) {
        if (step == rowBytes) {
            dst.duplicate().position(0).put(src.duplicate().position(0).limit(rowBytes * h));
            return;
        }
        ByteBuffer out = dst.duplicate().position(0);
        for (int y = 0; y < h; y++) {
            out.put(src.duplicate().position(y * step).limit(y * step + rowBytes));
        }
    }
}
