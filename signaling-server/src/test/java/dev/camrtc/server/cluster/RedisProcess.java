package dev.camrtc.server.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away Debian {@code redis-server} on a free loopback port, writing no files
 * (notes/janus-redis-depth.md); {@link #stop()} and {@link #start()} again keep the port (a Redis restart).
 */
final class RedisProcess implements AutoCloseable {

    private final int port;
    private Process process;
    private final java.nio.file.Path log;

    private RedisProcess(int port) {
        this.port = port;
        try {
            this.log = java.nio.file.Files.createTempFile("redis-" + port, ".log");
            log.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static RedisProcess start(int port) throws Exception {
        RedisProcess redis = new RedisProcess(port);
        redis.start();
        return redis;
    }

    static RedisProcess startOnFreePort() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        return start(port);
    }

    String uri() {
        return "redis://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    void start() throws Exception {
        process = new ProcessBuilder("redis-server", "--port", "" + port, "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.currentTimeMillis() + 15_000;
        while (!ping()) {
            if (!process.isAlive() || System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("redis-server did not start on port " + port + " (exit "
                        + (process.isAlive() ? "none" : process.exitValue()) + "): "
                        + java.nio.file.Files.readString(log));
            }
            Thread.sleep(50);
        }
    }

    void stop() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            process = null;
        }
    }

    private boolean ping() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            socket.setSoTimeout(1_000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            byte[] reply = new byte[7];
            int n = in.read(reply);
            return n > 0 && new String(reply, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
