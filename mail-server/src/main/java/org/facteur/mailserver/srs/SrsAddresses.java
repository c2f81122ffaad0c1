package org.facteur.mailserver.srs;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Sender Rewriting Scheme (SRS, as Postfix's postsrsd and libsrs2 write it) in plain Java. A forwarded message
 * leaves with {@code SRS0=HHHHHHHH=TT=orig-domain=orig-local@our-domain} as envelope sender, so the receiver's SPF
 * check looks at our domain; a bounce to that address is verified (HMAC with this server's secret, at most
 * {@link #MAX_AGE} old) and sent back to {@code orig-local@orig-domain}. A sender that is already an SRS address of
 * another forwarder becomes {@code SRS1=HHHHHHHH=first-domain==opaque@our-domain}, which unwinds to the first
 * forwarder's SRS0 address, so addresses do not grow along a chain of forwards.
 * <p>
 * The format is postsrsd's; the hash is Facteur's own (only this server checks it): HMAC-SHA256, 40 bits in
 * base32, compared without regard to case because some servers change the case of local parts. TT is the day
 * number modulo 1024 in two base32 characters.
 */
public final class SrsAddresses {
    public static final Duration MAX_AGE = Duration.ofDays(21);
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final int HASH_BYTES = 5;

    private final byte[] secret;
    private final Clock clock;

    public SrsAddresses(byte[] secret, Clock clock) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("the SRS secret needs at least 16 bytes");
        }
        this.secret = secret.clone();
        this.clock = clock;
    }

    /** Whether this local part looks like an SRS address (valid or not). */
    public static boolean isSrs(String localPart) {
        String upper = localPart.toUpperCase(Locale.ROOT);
        return upper.startsWith("SRS0=") || upper.startsWith("SRS1=");
    }

    /**
     * The envelope sender to use when this server forwards mail from {@code localPart@domain}, in {@code srsDomain};
     * empty when the sender cannot be written as SRS (a quoted local part).
     */
    public Optional<String> forward(String localPart, String domain, String srsDomain) {
        if (localPart.startsWith("\"") || localPart.contains("@")) {
            return Optional.empty();
        }
        String upper = localPart.toUpperCase(Locale.ROOT);
        if (upper.startsWith("SRS0=")) {
            return Optional.of(srs1(domain, localPart.substring(4), srsDomain));
        }
        if (upper.startsWith("SRS1=")) {
            String[] parts = localPart.substring(5).split("=", 3);
            if (parts.length == 3 && !parts[1].isEmpty() && parts[2].startsWith("=")) {
                return Optional.of(srs1(parts[1], parts[2], srsDomain));
            }
        }
        String tt = timestamp(today());
        return Optional.of("SRS0=" + hash(tt, domain, localPart) + "=" + tt + "=" + domain + "=" + localPart + "@" + srsDomain);
    }

    /** {@code SRS1=HHH=first-domain==opaque}: {@code opaque} starts with the separator that followed SRS0. */
    private String srs1(String firstDomain, String opaque, String srsDomain) {
        return "SRS1=" + hash("1", firstDomain, opaque) + "=" + firstDomain + "=" + opaque + "@" + srsDomain;
    }

    /**
     * The address an SRS local part (of one of our domains) stands for, when its hash is ours and, for SRS0, it is
     * at most {@link #MAX_AGE} old; empty otherwise.
     */
    public Optional<String> reverse(String localPart) {
        String upper = localPart.toUpperCase(Locale.ROOT);
        if (upper.startsWith("SRS0=")) {
            String[] parts = localPart.substring(5).split("=", 4);
            if (parts.length == 4 && !parts[2].isEmpty() && !parts[3].isEmpty()
                    && matches(parts[0], hash(parts[1], parts[2], parts[3])) && fresh(parts[1])) {
                return Optional.of(parts[3] + "@" + parts[2]);
            }
        } else if (upper.startsWith("SRS1=")) {
            String[] parts = localPart.substring(5).split("=", 3);
            if (parts.length == 3 && !parts[1].isEmpty() && parts[2].length() > 1 && parts[2].startsWith("=")
                    && matches(parts[0], hash("1", parts[1], parts[2]))) {
                return Optional.of("SRS0" + parts[2] + "@" + parts[1]);
            }
        }
        return Optional.empty();
    }

    private boolean fresh(String tt) {
        if (tt.length() != 2) {
            return false;
        }
        int hi = BASE32.indexOf(Character.toUpperCase(tt.charAt(0)));
        int lo = BASE32.indexOf(Character.toUpperCase(tt.charAt(1)));
        if (hi < 0 || lo < 0) {
            return false;
        }
        long age = Math.floorMod(today() - (hi << 5 | lo), 1024);
        return age <= MAX_AGE.toDays();
    }

    private long today() {
        return LocalDate.now(clock).toEpochDay();
    }

    private static String timestamp(long day) {
        int t = (int) Math.floorMod(day, 1024);
        return "" + BASE32.charAt(t >> 5) + BASE32.charAt(t & 31);
    }

    private String hash(String... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] digest = mac.doFinal(String.join("=", parts).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return base32(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static String base32(byte[] digest) {
        long bits = 0;
        for (int i = 0; i < HASH_BYTES; i++) {
            bits = bits << 8 | (digest[i] & 0xff);
        }
        StringBuilder out = new StringBuilder();
        for (int shift = HASH_BYTES * 8 - 5; shift >= 0; shift -= 5) {
            out.append(BASE32.charAt((int) (bits >> shift) & 31));
        }
        return out.toString();
    }

    private static boolean matches(String given, String expected) {
        return MessageDigest.isEqual(given.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII),
                expected.getBytes(StandardCharsets.US_ASCII));
    }
}
