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

    /**
     * Reads a policy file fetched from a receiving domain (RFC 8461 §3.2): {@code key: value} lines ending in CRLF or LF,
     * unknown keys ignored, the first {@code version}, {@code mode} and {@code max_age} counting. A max age above a
     * year is cut to a year, 0 is kept for a second (cache it no longer). Anything else wrong (no {@code version: STSv1},
     * an unknown mode, no {@code mx}, a max age that is not a number) is refused with an {@link IllegalArgumentException}.
     */
    public static MtaStsPolicy parse(String text) {
        String version = null;
        String mode = null;
        String maxAge = null;
        List<String> mx = new java.util.ArrayList<>();
        for (String line : text.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            switch (key) {
                case "version" -> version = version == null ? value : version;
                case "mode" -> mode = mode == null ? value : mode;
                case "max_age" -> maxAge = maxAge == null ? value : maxAge;
                case "mx" -> mx.add(value);
                default -> {
                    // extensions are ignored (RFC 8461 §3.2)
                }
            }
        }
        if (!"STSv1".equals(version)) {
            throw new IllegalArgumentException("The policy does not start with version: STSv1.");
        }
        if (maxAge == null || !maxAge.matches("[0-9]{1,18}")) {
            throw new IllegalArgumentException("The policy's max_age is missing or not a number of seconds.");
        }
        long seconds = Math.clamp(Long.parseLong(maxAge), 1, LONGEST_MAX_AGE.toSeconds());
        return new MtaStsPolicy(Mode.parse(mode), mx, Duration.ofSeconds(seconds));
    }

    /**
     * Whether this policy names this MX host (RFC 8461 §4.1): the same name, or a {@code *.example.net} pattern and a
     * name with exactly one more label in front of {@code example.net}. Case and a trailing dot do not matter.
     */
    public boolean allows(String mxHost) {
        String host = mxHost.toLowerCase(Locale.ROOT);
        host = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        for (String pattern : mx) {
            if (pattern.startsWith("*.")) {
                int dot = host.indexOf('.');
                if (dot > 0 && host.substring(dot + 1).equals(pattern.substring(2))) {
                    return true;
                }
            } else if (pattern.equals(host)) {
                return true;
            }
        }
        return false;
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
