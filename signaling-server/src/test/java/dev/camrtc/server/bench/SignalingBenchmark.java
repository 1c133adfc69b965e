package dev.camrtc.server.bench;

import dev.camrtc.server.testing.RawWebSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark of a running signaling server on this machine (not a unit test; run by
 * {@code scripts/bench-signaling.sh}): how many connections it holds, the relay latency of offer-sized
 * messages at a fixed total rate while they are held, and the server's heap.
 *
 * <p>Arguments: {@code port serverPid connections pairs ratePerSecond seconds [senderPort]}: with
 * {@code senderPort} (another instance of a cluster) the senders connect there and the relay crosses Redis; the
 * held connections, the receivers and the heap figures stay on {@code port}.
 */
public final class SignalingBenchmark {

    private static final String SENT_FIELD = "\"x_sent_ns\":";
    private static final String CLUSTER_MESSAGES = "signaling_cluster_messages_total{direction=\"";

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        long pid = Long.parseLong(args[1]);
        int connections = Integer.parseInt(args[2]);
        int pairs = Integer.parseInt(args[3]);
        int rate = Integer.parseInt(args[4]);
        int seconds = Integer.parseInt(args[5]);
        // two-instance mode: the senders connect to another instance of the cluster (receivers stay on port)
        int senderPort = args.length > 6 ? Integer.parseInt(args[6]) : port;

        long heapIdle = heapUsedKb(pid);
        System.out.printf(Locale.ROOT, "server heap used, idle after GC: %.1f MiB%n", heapIdle / 1024.0);

        long t0 = System.nanoTime();
        List<RawWebSocket> held = hold(port, connections);
        double openSeconds = (System.nanoTime() - t0) / 1e9;
        int open = (int) metric(port, "signaling_connections_open{role=\"receiver\"}");
        System.out.printf(Locale.ROOT, "connections held: %d of %d requested (opened in %.1f s, %.0f/s); server reports %d open%n",
                held.size(), connections, openSeconds, held.size() / openSeconds, open);
        long heapHeld = heapUsedKb(pid);
        System.out.printf(Locale.ROOT, "server heap used with %d held, after GC: %.1f MiB (%.1f KiB per connection)%n",
                held.size(), heapHeld / 1024.0, (heapHeld - heapIdle) / (double) Math.max(1, held.size()));

        Latency latency = relay(port, senderPort, pairs, rate, seconds);
        String before = latency.metricsAtStart;
        String after = scrape(port);
        System.out.printf(Locale.ROOT, "relay latency, offer-sized messages (%d bytes) at %d msg/s over %d sender/receiver pairs, "
                        + "%d s after 3 s warm-up, %d connections held:%n", latency.messageBytes, rate, pairs, seconds, held.size());
        System.out.printf(Locale.ROOT, "  sent %d (%.0f msg/s achieved, %d skipped because the client fell behind), received %d, "
                        + "rate-limited %d%n", latency.sent, latency.sent / (double) seconds, latency.skipped, latency.samples.length,
                (long) (value(after, "signaling_messages_dropped_total") - value(before, "signaling_messages_dropped_total")));
        System.out.printf(Locale.ROOT, "  client-to-client p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms%n",
                pct(latency.samples, 50), pct(latency.samples, 99), pct(latency.samples, 99.9), pct(latency.samples, 100));
        // both histograms cover the measured window (not the warm-up) and the drain after it
        ServerHistogram server = new ServerHistogram(before, after);
        if (senderPort != port) {
            server = new ServerHistogram(before, after, "signaling_cluster_relay_latency_seconds");
            System.out.printf(Locale.ROOT, "  server-side across instances (read on A to write done on B's socket, wall clock), %d relays: "
                            + "p50 <= %s ms, p99 <= %s ms (histogram bucket bounds), %.2f %% within 5 ms%n",
                    server.count(), server.bound(50), server.bound(99), server.percentWithin(0.005));
            String a = scrape(senderPort);
            System.out.printf(Locale.ROOT, "  cluster messages since start: out on A %.0f, dropped_out on A %.0f, in on B %.0f, dropped_in on B %.0f%n",
                    value(a, CLUSTER_MESSAGES + "out\"}"), value(a, CLUSTER_MESSAGES + "dropped_out\"}"),
                    value(after, CLUSTER_MESSAGES + "in\"}"), value(after, CLUSTER_MESSAGES + "dropped_in\"}"));
        } else System.out.printf(Locale.ROOT, "  server-side (message read to write done on the receiver's socket), %d relays: "
                        + "p50 <= %s ms, p99 <= %s ms (histogram bucket bounds), %.2f %% within 5 ms%n",
                server.count(), server.bound(50), server.bound(99), server.percentWithin(0.005));
        System.out.printf(Locale.ROOT, "server heap used at the end, after GC: %.1f MiB%n", heapUsedKb(pid) / 1024.0);
        for (RawWebSocket socket : held) {
            socket.close();
        }
    }

    /** Opens {@code n} receiver connections with 8 threads; each must get 101 and its {@code registered}. */
    private static List<RawWebSocket> hold(int port, int n) throws Exception {
        ConcurrentLinkedQueue<RawWebSocket> sockets = new ConcurrentLinkedQueue<>();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            pool.submit(() -> {
                while (next.getAndIncrement() < n) {
                    try {
                        RawWebSocket ws = RawWebSocket.open(port, "/ws/receiver");
                        RawWebSocket.Frame registered = ws.status() == 101 ? ws.readText(30_000) : null;
                        if (registered == null || !registered.text().contains("\"registered\"")) {
                            failures.incrementAndGet();
                            ws.close();
                        } else {
                            sockets.add(ws);
                        }
                    } catch (Exception e) {
                        if (failures.incrementAndGet() <= 3) {
                            System.out.println("connection failed: " + e);
                        }
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.MINUTES);
        if (failures.get() > 0) {
            System.out.println("connections that failed: " + failures.get());
        }
        return new ArrayList<>(sockets);
    }

    /** @param metricsAtStart the server's {@code /metrics} when the measured window began (after the warm-up) */
    private record Latency(long sent, long skipped, double[] samples, int messageBytes, String metricsAtStart) {
    }

    /** {@code pairs} senders each send offers to their receiver; in total {@code rate} per second. */
    private static Latency relay(int port, int senderPort, int pairs, int rate, int seconds) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<WebSocket> senders = new ArrayList<>();
        List<String> receiverIds = new ArrayList<>();
        ConcurrentLinkedQueue<Long> samples = new ConcurrentLinkedQueue<>();
        long[] measureFrom = {Long.MAX_VALUE};
        for (int i = 0; i < pairs; i++) {
            CompletableFuture<String> senderId = new CompletableFuture<>();
            Listener senderListener = new Listener(senderId, null, null);
            senders.add(http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + senderPort + "/ws/sender?name=bench-" + i),
                    senderListener).join());
            senderId.get(30, TimeUnit.SECONDS);
            awaitListed(port, senderId.get()); // another instance learns of the sender through Redis
            CompletableFuture<String> receiverId = new CompletableFuture<>();
            WebSocket receiver = http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/receiver"),
                    new Listener(receiverId, samples, measureFrom)).join();
            receiverIds.add(receiverId.get(30, TimeUnit.SECONDS));
            // offers are relayed only within a session (PROTOCOL.md 3.3): the receiver asks its sender first
            receiver.sendText("{\"type\":\"request_offer\",\"sender_id\":\"" + senderId.get() + "\"}", true).join();
            senderListener.requested.get(30, TimeUnit.SECONDS);
        }
        String sdp = offerSdp();
        List<CompletableFuture<WebSocket>> chains = new ArrayList<>();
        senders.forEach(ws -> chains.add(CompletableFuture.completedFuture(ws)));
        long intervalNs = 1_000_000_000L / rate;
        long start = System.nanoTime();
        measureFrom[0] = start + 3_000_000_000L;
        // the server's histograms are read when the measured window begins, on another thread (pacing goes on)
        CompletableFuture<String> metricsAtStart = CompletableFuture.supplyAsync(() -> {
            try {
                Thread.sleep(Math.max(0, (measureFrom[0] - System.nanoTime()) / 1_000_000));
                return scrape(port);
            } catch (Exception e) {
                throw new IllegalStateException("cannot read /metrics at the start of the window", e);
            }
        });
        long end = measureFrom[0] + seconds * 1_000_000_000L;
        long sentMeasured = 0;
        int messageBytes = 0;
        long skipped = 0;
        long maxBacklog = 50_000_000L / intervalNs; // at most 50 ms of messages are sent late; older ones are skipped
        long i = 0;
        while (true) {
            long now = System.nanoTime();
            if (now >= end) {
                break;
            }
            long due = (now - start) / intervalNs + 1; // messages that should have gone out by now
            if (due - i > maxBacklog) {
                skipped += due - i - maxBacklog;
                i = due - maxBacklog;
            }
            for (; i < due; i++) {
                int k = (int) (i % pairs);
                long sentAt = System.nanoTime();
                String offer = "{\"type\":\"offer\",\"receiver_id\":\"" + receiverIds.get(k) + "\",\"session_id\":\"b" + i
                        + "\",\"offer\":{\"type\":\"offer\",\"sdp\":\"" + sdp + "\"},\"streams\":[{\"mid\":\"0\",\"name\":\"color\"},"
                        + "{\"mid\":\"1\",\"name\":\"infrared\"}],\"x_sent_ns\":" + sentAt + "}";
                messageBytes = offer.length();
                chains.set(k, chains.get(k).thenCompose(ws -> ws.sendText(offer, true)));
                if (sentAt >= measureFrom[0]) {
                    sentMeasured++;
                }
            }
            Thread.sleep(1);
        }
        long drainUntil = System.nanoTime() + 5_000_000_000L;
        while (samples.size() < sentMeasured && System.nanoTime() < drainUntil) {
            Thread.sleep(50);
        }
        double[] ms = samples.stream().mapToDouble(ns -> ns / 1e6).sorted().toArray();
        return new Latency(sentMeasured, skipped, ms, messageBytes, metricsAtStart.get(30, TimeUnit.SECONDS));
    }

    /** A realistic two-video-m-line offer with host candidates (about 5 KB). */
    private static String offerSdp() {
        StringBuilder sdp = new StringBuilder("v=0\\r\\no=- 4611731400430051336 2 IN IP4 127.0.0.1\\r\\ns=-\\r\\nt=0 0\\r\\n"
                + "a=group:BUNDLE 0 1\\r\\na=msid-semantic: WMS\\r\\n");
        for (int m = 0; m < 2; m++) {
            sdp.append("m=video 9 UDP/TLS/RTP/SAVPF 96 97 98 99 100 101 102\\r\\nc=IN IP4 0.0.0.0\\r\\na=rtcp:9 IN IP4 0.0.0.0\\r\\n")
                    .append("a=ice-ufrag:abcd\\r\\na=ice-pwd:abcdefghijklmnopqrstuvwx\\r\\na=ice-options:trickle\\r\\n")
                    .append("a=fingerprint:sha-256 ").append("AB:".repeat(31)).append("AB\\r\\na=setup:actpass\\r\\n")
                    .append("a=mid:").append(m).append("\\r\\na=sendonly\\r\\na=rtcp-mux\\r\\na=rtcp-rsize\\r\\n");
            for (int pt = 96; pt <= 102; pt++) {
                sdp.append("a=rtpmap:").append(pt).append(" VP8/90000\\r\\na=rtcp-fb:").append(pt).append(" goog-remb\\r\\n")
                        .append("a=rtcp-fb:").append(pt).append(" transport-cc\\r\\na=rtcp-fb:").append(pt)
                        .append(" ccm fir\\r\\na=rtcp-fb:").append(pt).append(" nack\\r\\na=rtcp-fb:").append(pt).append(" nack pli\\r\\n");
            }
            sdp.append("a=ssrc:").append(1000 + m).append(" cname:benchbenchbench\\r\\n");
            for (int c = 0; c < 4; c++) {
                sdp.append("a=candidate:").append(c).append(" 1 udp 2122260223 198.18.0.").append(c + 1)
                        .append(" 5").append(m).append(c).append("00 typ host generation 0 network-id ").append(c).append("\\r\\n");
            }
        }
        return sdp.toString();
    }

    private static final class Listener implements WebSocket.Listener {
        private final CompletableFuture<String> id;
        private final ConcurrentLinkedQueue<Long> samples;
        private final long[] measureFrom;
        private final StringBuilder partial = new StringBuilder();
        final CompletableFuture<Void> requested = new CompletableFuture<>();

        Listener(CompletableFuture<String> id, ConcurrentLinkedQueue<Long> samples, long[] measureFrom) {
            this.id = id;
            this.samples = samples;
            this.measureFrom = measureFrom;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                long now = System.nanoTime();
                String text = partial.toString();
                partial.setLength(0);
                if (!id.isDone()) {
                    Matcher m = Pattern.compile("\"(sender|receiver)_id\":\"([^\"]+)\"").matcher(text);
                    id.complete(m.find() ? m.group(2) : "?");
                } else if (text.startsWith("{\"type\":\"request_offer\"")) {
                    requested.complete(null);
                } else if (samples != null && text.startsWith("{\"type\":\"offer\"")) {
                    int at = text.lastIndexOf(SENT_FIELD);
                    if (at >= 0) {
                        int from = at + SENT_FIELD.length();
                        int to = from;
                        while (to < text.length() && Character.isDigit(text.charAt(to))) {
                            to++;
                        }
                        long sent = Long.parseLong(text.substring(from, to));
                        if (sent >= measureFrom[0]) {
                            samples.add(now - sent);
                        }
                    }
                }
            }
            ws.request(1);
            return null;
        }
    }

    private static double pct(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    /** The server's relay latency histogram over the measured window (difference of two scrapes). */
    private record ServerHistogram(String before, String after, String name) {
        ServerHistogram(String before, String after) {
            this(before, after, "signaling_relay_latency_seconds");
        }

        long count() {
            return (long) (value(after, name + "_count") - value(before, name + "_count"));
        }

        double cumulative(String le) {
            return value(after, name + "_bucket{le=\"" + le + "\"}") - value(before, name + "_bucket{le=\"" + le + "\"}");
        }

        double percentWithin(double seconds) {
            Matcher m = Pattern.compile(Pattern.quote(name) + "_bucket\\{le=\"([^\"]+)\"} (\\S+)").matcher(after);
            while (m.find()) {
                if (!m.group(1).equals("+Inf") && Math.abs(Double.parseDouble(m.group(1)) - seconds) < 1e-9) {
                    return 100 * cumulative(m.group(1)) / Math.max(1, count());
                }
            }
            return Double.NaN;
        }

        /** The upper bound (ms) of the first bucket holding at least p % of the relays. */
        String bound(double p) {
            Matcher m = Pattern.compile(Pattern.quote(name) + "_bucket\\{le=\"([^\"]+)\"} (\\S+)").matcher(after);
            while (m.find()) {
                if (cumulative(m.group(1)) >= p / 100 * count()) {
                    return m.group(1).equals("+Inf") ? "inf" : String.format(Locale.ROOT, "%.2f", Double.parseDouble(m.group(1)) * 1000);
                }
            }
            return "?";
        }
    }

    private static void awaitListed(int port, String senderId) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/senders"))
                .build(), HttpResponse.BodyHandlers.ofString()).body().contains(senderId)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("sender " + senderId + " not in the directory of port " + port);
            }
            Thread.sleep(20);
        }
    }

    private static String scrape(int port) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static double value(String text, String series) {
        for (String line : text.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        return 0;
    }

    /** One sample of the server's Prometheus text. */
    private static double metric(int port, String series) throws Exception {
        String text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        for (String line : text.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        return Double.NaN;
    }

    /** Heap used by process {@code pid} after a full GC, in KiB, through {@code jcmd}. */
    private static long heapUsedKb(long pid) throws Exception {
        run("jcmd", String.valueOf(pid), "GC.run");
        String info = run("jcmd", String.valueOf(pid), "GC.heap_info");
        Matcher m = Pattern.compile("used (\\d+)K").matcher(info);
        if (!m.find()) {
            throw new IllegalStateException("cannot read heap from jcmd: " + info);
        }
        return Long.parseLong(m.group(1));
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

    private SignalingBenchmark() {
    }

}
