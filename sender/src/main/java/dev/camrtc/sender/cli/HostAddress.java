package dev.camrtc.sender.cli;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/** Finds the address other machines reach this sender on, for the announced {@code mjpeg_url}. */
public final class HostAddress {

    private HostAddress() {
    }

    /**
     * The first non-loopback address of an interface that is up, IPv4 before IPv6, interfaces in index
     * order; {@code 127.0.0.1} when the host has no other address.
     */
    public static String firstNonLoopback() {
        List<InetAddress> candidates = new ArrayList<>();
        try {
            List<NetworkInterface> interfaces = Collections.list(NetworkInterface.getNetworkInterfaces());
            interfaces.sort(Comparator.comparingInt(NetworkInterface::getIndex));
            for (NetworkInterface nif : interfaces) {
                if (!nif.isUp() || nif.isLoopback()) {
                    continue;
                }
                for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                    if (!a.isLoopbackAddress() && !a.isLinkLocalAddress() && !a.isAnyLocalAddress()) {
                        candidates.add(a);
                    }
                }
            }
        } catch (SocketException e) {
            return "127.0.0.1";
        }
        return candidates.stream()
                .sorted(Comparator.comparingInt(a -> a instanceof Inet4Address ? 0 : 1))
                .findFirst()
                .map(a -> a instanceof Inet4Address ? a.getHostAddress() : "[" + stripScope(a.getHostAddress()) + "]")
                .orElse("127.0.0.1");
    }

    /**
     * The URL receivers can reach the MJPEG server at: {@code http://<bind>:<port>/} when it listens on one
     * address, else (a wildcard bind) {@code http://<first non-loopback address>:<port>/}.
     */
    public static URI mjpegUrl(String bind, int port) {
        return mjpegUrl(false, bind, port);
    }

    /** Like {@link #mjpegUrl(String, int)}, with scheme https when {@code tls}. */
    public static URI mjpegUrl(boolean tls, String bind, int port) {
        boolean wildcard = bind == null || bind.isBlank() || bind.equals("0.0.0.0") || bind.equals("::")
                || bind.equals("[::]") || bind.equals("*");
        String host = wildcard ? firstNonLoopback()
                : bind.contains(":") && !bind.startsWith("[") ? "[" + stripScope(bind) + "]" : bind;
        return URI.create((tls ? "https://" : "http://") + host + ":" + port + "/");
    }

    private static String stripScope(String v6) {
        int i = v6.indexOf('%');
        return i < 0 ? v6 : v6.substring(0, i);
    }
}
