package dev.camrtc.program;

/** A config file that cannot be used: the message names the file, the line and the key when there is one. */
public final class ConfigFileException extends RuntimeException {

    public ConfigFileException(String message) {
        super(message);
    }
}
