package dev.camrtc.sender.e2e;

import java.util.OptionalDouble;

/** Reads one sample out of a Prometheus text exposition. */
final class Scrape {

    private final String text;

    Scrape(String text) {
        this.text = text;
    }

    /** The value of the series {@code name} whose labels include every {@code key, value} pair given; empty when absent. */
    OptionalDouble value(String name, String... labels) {
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            String key = line.substring(0, space);
            boolean all = true;
            for (int i = 0; i < labels.length; i += 2) {
                all &= key.contains(labels[i] + "=\"" + labels[i + 1] + "\"");
            }
            if (all) {
                return OptionalDouble.of(Double.parseDouble(line.substring(space + 1)));
            }
        }
        return OptionalDouble.empty();
    }

    double get(String name, String... labels) {
        return value(name, labels).orElseThrow(() -> new AssertionError("no " + name + " " + String.join(",", labels)
                + " in\n" + text));
    }

    boolean mentions(String text) {
        return this.text.contains(text);
    }

    @Override
    public String toString() {
        return text;
    }
}
