package dev.camrtc.program.tls;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The certificate options every camrtc HTTP port shares ({@code --tls-cert}, {@code --tls-key}): a PEM
 * certificate chain and its PEM private key (unencrypted PKCS#8 or PKCS#1).
 */
public record TlsFiles(Path cert, Path key) {

    public TlsFiles {
        Objects.requireNonNull(cert, "cert");
        Objects.requireNonNull(key, "key");
    }

    /**
     * The TLS setting of {@code --tls-cert} and {@code --tls-key} (either may be null): empty when both are absent.
     *
     * @throws IllegalArgumentException with a one-line reason when only one is given or a file is not readable
     */
    public static Optional<TlsFiles> fromOptions(Path cert, Path key) {
        requireReadable(cert, "--tls-cert");
        requireReadable(key, "--tls-key");
        if ((cert == null) != (key == null)) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together");
        }
        return cert == null ? Optional.empty() : Optional.of(new TlsFiles(cert, key));
    }

    private static void requireReadable(Path file, String option) {
        if (file != null && !Files.isReadable(file)) {
            throw new IllegalArgumentException(option + " " + file + " is not a readable file");
        }
    }
}
