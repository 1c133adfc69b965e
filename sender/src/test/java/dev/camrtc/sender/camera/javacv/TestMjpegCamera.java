package dev.camrtc.sender.camera.javacv;

import com.sun.net.httpserver.HttpServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Executors;
import javax.imageio.ImageIO;

/**
 * A loopback MJPEG camera (multipart/x-mixed-replace) for tests: a clock ticks at 30 Hz and every part is a
 * uniform grey JPEG whose level encodes the tick (mod {@link #CYCLE}), so a reader can tell how old a frame is.
 */
final class TestMjpegCamera implements AutoCloseable {
    static final int CYCLE = 24;
    private static final int LEVEL_STEP = 10;
    private final HttpServer server;
    private final long t0 = System.nanoTime();
    private final byte[][] jpegs = new byte[CYCLE][];

    TestMjpegCamera() throws IOException {
        for (int t = 0; t < CYCLE; t++) {
            BufferedImage image = new BufferedImage(TestClips.WIDTH, TestClips.HEIGHT, BufferedImage.TYPE_3BYTE_BGR);
            int level = levelOf(t);
            int[] row = new int[TestClips.WIDTH];
            Arrays.fill(row, level << 16 | level << 8 | level);
            for (int y = 0; y < TestClips.HEIGHT; y++) {
                image.setRGB(0, y, TestClips.WIDTH, 1, row, 0, TestClips.WIDTH);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "jpg", out);
            jpegs[t] = out.toByteArray();
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/stream", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "multipart/x-mixed-replace; boundary=frame");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int sent = 0; sent < 3000; sent++) {
                    byte[] jpeg = jpegs[tick()];
                    out.write(("--frame\r\nContent-Type: image/jpeg\r\nContent-Length: " + jpeg.length + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.write(jpeg);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    Thread.sleep(33);
                }
            } catch (IOException | InterruptedException e) {
                // the reader went away
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/stream";
    }

    /** The camera clock: 30 ticks a second, mod CYCLE. */
    int tick() {
        return (int) ((System.nanoTime() - t0) / 33_333_333L % CYCLE);
    }

    static int levelOf(int tick) {
        return 10 + tick * LEVEL_STEP;
    }

    /** The tick a decoded frame of mean grey {@code mean} shows. */
    static int tickOf(double mean) {
        return (int) Math.round((mean - 10) / LEVEL_STEP);
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
