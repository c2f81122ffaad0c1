package org.facteur.mailserver.dns;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * An MTA-STS policy (RFC 8461 §3.2): which MX hosts sending servers must reach over TLS with a valid certificate,
 * in which mode, for how long they may cache it. Facteur publishes one policy, the same for every served domain,
 * naming its own hostname. {@link #text()} is served at {@code https://mta-sts.<domain>/.well-known/mta-sts.txt};
 * {@link #id()} goes in the {@code _mta-sts} TXT record and changes whenever the text does.
 */
public record MtaStsPolicy(Mode mode, List<String> mx, Duration maxAge) {
    /** RFC 8461 §3.2: senders should not cache a policy for more than a year (31557600 s). */
    public static final Duration LONGEST_MAX_AGE = Duration.ofSeconds(31_557_600);
    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(7);

    /** {@code testing}: senders report failures (TLS-RPT) but deliver; {@code enforce}: they refuse; {@code none}: withdrawn. */
    public enum Mode {
        TESTING, ENFORCE, NONE;

        /** One of testing, enforce, none (any case); anything else is refused in one sentence. */
        public static Mode parse(String value) {
            String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
            for (Mode mode : values()) {
                if (mode.text().equals(v)) {
                    return mode;
                }
            }
            throw new IllegalArgumentException("The MTA-STS mode must be testing, enforce or none, not '" + value + "'.");
        }

        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public MtaStsPolicy {
        if (mx.isEmpty()) {
            throw new IllegalArgumentException("An MTA-STS policy names at least one MX host.");
        }
        mx = mx.stream().map(h -> h.endsWith(".") ? h.substring(0, h.length() - 1) : h).map(h -> h.toLowerCase(Locale.ROOT)).toList();
        if (maxAge.isNegative() || maxAge.isZero() || maxAge.compareTo(LONGEST_MAX_AGE) > 0) {
            throw new IllegalArgumentException("The MTA-STS max age must be more than 0 and at most a year (31557600 s), not "
                    + maxAge.toSeconds() + " s.");
        }
    }

    /** The policy for one MX host. */
    public static MtaStsPolicy of(Mode mode, String mxHost, Duration maxAge) {
        return new MtaStsPolicy(mode, List.of(mxHost), maxAge);
    }

    /** The policy file: {@code key: value} lines ending in CRLF (RFC 8461 §3.2). */
    public String text() {
        StringBuilder text = new StringBuilder("version: STSv1\r\n");
        text.append("mode: ").append(mode.text()).append("\r\n");
        for (String host : mx) {
            text.append("mx: ").append(host).append("\r\n");
        }
        return text.append("max_age: ").append(maxAge.toSeconds()).append("\r\n").toString();
    }

    /** 20 hexadecimal digits of the text's SHA-256: the same policy keeps its id, any change gives a new one. */
    public String id() {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text().getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(hash, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code _mta-sts} TXT record's text (RFC 8461 §3.1). */
    public String txtRecord() {
        return "v=STSv1; id=" + id();
    }
}
