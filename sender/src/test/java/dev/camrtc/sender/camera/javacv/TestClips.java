package dev.camrtc.sender.camera.javacv;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MPEG4;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_RAWVIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/** Video files written at test time with FFmpeg, whose frames carry their index. */
final class TestClips {
    static final int WIDTH = 320;
    static final int HEIGHT = 240;
    static final int FPS = 30;

    private TestClips() {
    }

    /** Exact bgr8 pixels of frame {@code index} of the lossless clip; the first 4 bytes are the index. */
    static byte[] pixels(int index) {
        byte[] b = new byte[WIDTH * HEIGHT * 3];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) ((i % 253) + index * 17);
        }
        ByteBuffer.wrap(b).putInt(0, index);
        return b;
    }

    /** Uniform grey level of frame {@code index} of the lossy clip. */
    static int level(int index) {
        return 20 + index * 20;
    }

    /** A lossless clip (rawvideo bgr24 in NUT): decoded frames are bit-exact {@link #pixels}. */
    static Path lossless(Path file, int frames) throws Exception {
        try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(file.toFile(), WIDTH, HEIGHT)) {
            r.setFormat("nut");
            r.setVideoCodec(AV_CODEC_ID_RAWVIDEO);
            r.setPixelFormat(AV_PIX_FMT_BGR24);
            r.setFrameRate(FPS);
            r.start();
            for (int f = 0; f < frames; f++) {
                r.record(frame(pixels(f)), AV_PIX_FMT_BGR24);
            }
            r.stop();
        }
        return file;
    }

    /** An ordinary MPEG-4 .mp4 clip of uniform grey frames, {@link #level} of the index. */
    static Path mp4(Path file, int frames) throws Exception {
        try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(file.toFile(), WIDTH, HEIGHT)) {
            r.setFormat("mp4");
            r.setVideoCodec(AV_CODEC_ID_MPEG4);
            r.setPixelFormat(AV_PIX_FMT_YUV420P);
            r.setFrameRate(FPS);
            r.setVideoQuality(1);
            r.setGopSize(1);
            r.start();
            for (int f = 0; f < frames; f++) {
                byte[] b = new byte[WIDTH * HEIGHT * 3];
                java.util.Arrays.fill(b, (byte) level(f));
                r.record(frame(b), AV_PIX_FMT_BGR24);
            }
            r.stop();
        }
        return file;
    }

    private static Frame frame(byte[] bgr) {
        Frame frame = new Frame(WIDTH, HEIGHT, Frame.DEPTH_UBYTE, 3);
        ((ByteBuffer) frame.image[0]).put(bgr).flip();
        return frame;
    }

    /** Mean of all bytes of a frame. */
    static double mean(ByteBuffer pixels) {
        ByteBuffer b = pixels.duplicate();
        long sum = 0;
        int n = b.remaining();
        while (b.hasRemaining()) {
            sum += b.get() & 0xFF;
        }
        return sum / (double) n;
    }
}
