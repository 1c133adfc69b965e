package dev.camrtc.sender.e2e;

import dev.camrtc.media.rtc.RtcEngine;
import dev.camrtc.protocol.SenderInfo;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * One or more ({@code --count}) {@link TestReceiver}s in their own process, for the latency benchmarks and for
 * tests that kill a receiver abruptly. Watches one sender, then prints one {@code RESULT} line per stream:
 * {@code RESULT stream=color frames=1800 fps=30.0 p50=31 p95=36 p99=40 max_gap=48 freezes=0 out_of_order=0}.
 * Prints {@code WATCHING} once the first frames arrived (the measurement starts after the warm-up).
 */
@Command(name = "test-receiver", mixinStandardHelpOptions = true, showDefaultValues = true)
public final class ReceiverMain implements Callable<Integer> {

    /** A frame gap longer than this is a freeze. */
    public static final long FREEZE_MILLIS = 200;

    @Option(names = "--server", required = true, description = "Signaling server, ws://host:port.")
    URI server;

    @Option(names = "--sender", required = true, description = "Name of the sender to watch.")
    String sender;

    @Option(names = "--streams", split = ",", description = "Streams to ask for (default: all).")
    List<String> streams;

    @Option(names = "--warmup", description = "Seconds discarded before measuring.")
    double warmupSeconds = 3;

    @Option(names = "--seconds", description = "Seconds measured (0 = until killed).")
    double seconds = 10;

    public static void main(String[] args) {
        int status = new CommandLine(new ReceiverMain()).execute(args);
        System.exit(status); // webrtc's native threads would keep the JVM alive
    }

    @Option(names = "--count", description = "Receivers in this process (one WebRTC engine, one signaling "
            + "connection each); RESULT lines then carry receiver=<index>.")
    int count = 1;

    @Override
    public Integer call() throws Exception {
        List<TestReceiver> receivers = new java.util.ArrayList<>();
        try (RtcEngine engine = new RtcEngine()) {
            List<TestReceiver.Watch> watches = new java.util.ArrayList<>();
            String senderId = null;
            List<String> names = List.of();
            for (int i = 0; i < count; i++) {
                TestReceiver r = TestReceiver.connect(server, null, engine);
                receivers.add(r);
                SenderInfo info = r.awaitSender(sender, Duration.ofSeconds(60));
                senderId = info.senderId();
                TestReceiver.Watch w = r.watch(senderId, streams);
                names = w.offer().streams().stream().map(s -> s.name()).toList();
                watches.add(w);
            }
            for (TestReceiver.Watch w : watches) {
                for (String n : names) {
                    w.awaitFrames(n, 1, Duration.ofSeconds(60));
                }
            }
            System.out.println("WATCHING " + receivers.get(0).receiverId() + " " + names);
            System.out.flush();
            Thread.sleep((long) (warmupSeconds * 1000));
            for (TestReceiver.Watch w : watches) {
                names.forEach(n -> w.report(n).reset());
            }
            if (seconds <= 0) {
                Thread.sleep(Long.MAX_VALUE);
            }
            Thread.sleep((long) (seconds * 1000));
            for (int i = 0; i < watches.size(); i++) {
                for (String n : names) {
                    StreamReport rep = watches.get(i).report(n);
                    System.out.println(String.format(Locale.ROOT,
                            "RESULT stream=%s frames=%d fps=%.1f p50=%d p95=%d p99=%d max_gap=%d freezes=%d "
                                    + "out_of_order=%d%s", n, rep.frames(), rep.fps(), rep.latencyPercentile(50),
                            rep.latencyPercentile(95), rep.latencyPercentile(99), rep.longestGapMillis(), rep.freezes(),
                            rep.outOfOrder(), count == 1 ? "" : " receiver=" + i));
                }
            }
            System.out.flush();
            for (TestReceiver r : receivers) {
                r.hangup(senderId);
            }
        } finally {
            receivers.forEach(TestReceiver::close);
        }
        return 0;
    }
}
