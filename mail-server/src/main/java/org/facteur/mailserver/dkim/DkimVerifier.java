package org.facteur.mailserver.dkim;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.facteur.mailserver.dns.TxtLookup;

/**
 * Verifies the DKIM signatures of a received message (RFC 6376; rsa-sha256 and RFC 8463 ed25519-sha256; simple and
 * relaxed canonicalizations, {@code l=} honoured), plain Java on the JDK's signatures. The canonicalizations are the
 * signer's ({@link DkimSigner}), plus the simple ones only a verifier needs. rsa-sha1 and RSA keys under 1024 bits are
 * refused (RFC 8301). At most {@value #MAX_SIGNATURES} signatures are checked per message.
 */
public final class DkimVerifier {
    static final int MAX_SIGNATURES = 5;
    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private final TxtLookup dns;
    private final Clock clock;

    public DkimVerifier(TxtLookup dns, Clock clock) {
        this.dns = dns;
        this.clock = clock;
    }

    /** The verdict on one signature, as Authentication-Results writes it ({@code dkim=pass header.d=... }). */
    public record Result(String result, String domain, String selector, String algorithm, String reason) {
        public boolean passed() {
            return result.equals("pass");
        }
    }

    /** One result per DKIM-Signature field, top first; empty when the message carries none. */
    public List<Result> verify(byte[] message) {
        DkimSigner.Parsed parsed = DkimSigner.Parsed.of(message);
        List<Result> results = new ArrayList<>();
        for (DkimSigner.Header h : parsed.headers()) {
            if (h.name().equals("dkim-signature") && results.size() < MAX_SIGNATURES) {
                results.add(verifyOne(h, parsed));
            }
        }
        return results;
    }

    private Result verifyOne(DkimSigner.Header signature, DkimSigner.Parsed parsed) {
        Map<String, String> tags = tags(signature.field().substring(signature.field().indexOf(':') + 1));
        if (tags == null) {
            return new Result("permerror", "", "", "", "signature not understood");
        }
        String d = tags.getOrDefault("d", "").toLowerCase(Locale.ROOT);
        String s = tags.getOrDefault("s", "");
        String a = tags.getOrDefault("a", "").toLowerCase(Locale.ROOT);
        if (d.isEmpty() || s.isEmpty() || a.isEmpty() || !"1".equals(tags.get("v"))
                || !tags.containsKey("b") || !tags.containsKey("bh") || !tags.containsKey("h")) {
            return new Result("permerror", d, s, a, "signature lacks a required tag");
        }
        List<String> signedNames = Arrays.stream(tags.get("h").split(":")).map(n -> n.strip().toLowerCase(Locale.ROOT)).toList();
        if (!signedNames.contains("from")) {
            return new Result("permerror", d, s, a, "From is not signed");
        }
        if (!a.equals("rsa-sha256") && !a.equals("ed25519-sha256")) {
            return new Result("permerror", d, s, a, "algorithm not accepted");
        }
        String i = tags.get("i");
        if (i != null) {
            String iDomain = i.substring(i.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
            if (!iDomain.equals(d) && !iDomain.endsWith("." + d)) {
                return new Result("permerror", d, s, a, "i= is not in d=");
            }
        }
        String x = tags.get("x");
        if (x != null && x.matches("\\d{1,12}") && Long.parseLong(x) < clock.instant().getEpochSecond()) {
            return new Result("fail", d, s, a, "signature expired");
        }
        String[] canon = tags.getOrDefault("c", "simple/simple").toLowerCase(Locale.ROOT).split("/", 2);
        boolean relaxedHeader = canon[0].equals("relaxed");
        boolean relaxedBody = canon.length > 1 && canon[1].equals("relaxed");
        if (!canon[0].matches("simple|relaxed") || (canon.length > 1 && !canon[1].matches("simple|relaxed"))) {
            return new Result("permerror", d, s, a, "unknown canonicalization");
        }

        TxtLookup.Answer answer = dns.txt(s + "._domainkey." + d);
        if (answer instanceof TxtLookup.TemporaryFailure) {
            return new Result("temperror", d, s, a, "key not retrieved (DNS temporary failure)");
        }
        if (!(answer instanceof TxtLookup.Found found) || found.records().isEmpty()) {
            return new Result("permerror", d, s, a, "no key for signature");
        }
        Map<String, String> key = tags(found.records().get(0));
        if (key == null || (key.containsKey("v") && !key.get("v").equals("DKIM1"))) {
            return new Result("permerror", d, s, a, "key record not understood");
        }
        String p = key.getOrDefault("p", "");
        if (p.isEmpty()) {
            return new Result("fail", d, s, a, "key revoked");
        }
        String keyType = key.getOrDefault("k", "rsa").toLowerCase(Locale.ROOT);
        if (!a.startsWith(keyType + "-")) {
            return new Result("permerror", d, s, a, "key type does not match the algorithm");
        }
        PublicKey publicKey;
        try {
            byte[] raw = Base64.getDecoder().decode(p);
            if (keyType.equals("ed25519")) {
                byte[] spki = Arrays.copyOf(ED25519_SPKI_PREFIX, ED25519_SPKI_PREFIX.length + raw.length);
                System.arraycopy(raw, 0, spki, ED25519_SPKI_PREFIX.length, raw.length);
                publicKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
            } else {
                publicKey = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(raw));
                if (((RSAPublicKey) publicKey).getModulus().bitLength() < 1024) {
                    return new Result("permerror", d, s, a, "RSA key shorter than 1024 bits");
                }
            }
        } catch (IllegalArgumentException | GeneralSecurityException | ClassCastException e) {
            return new Result("permerror", d, s, a, "key not understood");
        }

        byte[] body = relaxedBody ? DkimSigner.relaxedBody(parsed.body()) : simpleBody(parsed.body());
        if (tags.containsKey("l")) {
            long l;
            try {
                l = Long.parseLong(tags.get("l"));
            } catch (NumberFormatException e) {
                return new Result("permerror", d, s, a, "l= is not a number");
            }
            if (l > body.length) {
                return new Result("fail", d, s, a, "body shorter than l=");
            }
            body = Arrays.copyOf(body, (int) l);
        }
        byte[] bodyHash;
        byte[] expectedBodyHash;
        try {
            bodyHash = sha256(body);
            expectedBodyHash = Base64.getDecoder().decode(tags.get("bh"));
        } catch (IllegalArgumentException e) {
            return new Result("permerror", d, s, a, "bh= is not base64");
        }
        if (!MessageDigest.isEqual(bodyHash, expectedBodyHash)) {
            return new Result("fail", d, s, a, "body hash did not verify");
        }

        StringBuilder data = new StringBuilder();
        List<DkimSigner.Header> unused = new ArrayList<>(parsed.headers());
        for (String name : signedNames) {
            // instances are taken from the bottom up; a name with no instance left contributes nothing (§5.4.2)
            for (int j = unused.size() - 1; j >= 0; j--) {
                if (unused.get(j).name().equals(name)) {
                    String field = unused.remove(j).field();
                    data.append(relaxedHeader ? DkimSigner.relaxedHeader(field) : field + "\r\n");
                    break;
                }
            }
        }
        String own = withoutSignatureValue(signature.field());
        if (relaxedHeader) {
            String c = DkimSigner.relaxedHeader(own);
            data.append(c, 0, c.length() - 2);
        } else {
            data.append(own);
        }
        try {
            byte[] b = Base64.getDecoder().decode(tags.get("b"));
            byte[] signed = data.toString().getBytes(StandardCharsets.ISO_8859_1);
            Signature verifier;
            if (keyType.equals("ed25519")) {
                verifier = Signature.getInstance("Ed25519");
                verifier.initVerify(publicKey);
                verifier.update(sha256(signed));
            } else {
                verifier = Signature.getInstance("SHA256withRSA");
                verifier.initVerify(publicKey);
                verifier.update(signed);
            }
            return verifier.verify(b) ? new Result("pass", d, s, a, "")
                    : new Result("fail", d, s, a, "signature did not verify");
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return new Result("fail", d, s, a, "signature did not verify");
        }
    }

    /**
     * A tag-value list (RFC 6376 §3.2: signatures, key records, and DMARC records, which share the syntax); {@code null}
     * when malformed or when a tag appears twice. Whitespace inside {@code b}, {@code bh} and {@code p} is dropped.
     */
    public static Map<String, String> tags(String list) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String part : list.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq < 0) {
                return null;
            }
            String name = part.substring(0, eq).strip();
            String value = part.substring(eq + 1).replaceAll("[ \t\r\n]+", " ").strip();
            if (name.equals("b") || name.equals("bh") || name.equals("p")) {
                value = value.replace(" ", "");
            }
            if (tags.putIfAbsent(name, value) != null) {
                return null; // a tag twice is an error (RFC 6376 §3.2)
            }
        }
        return tags;
    }

    /** The signature field with the value of its {@code b=} tag emptied, everything else byte for byte (§3.7). */
    static String withoutSignatureValue(String field) {
        int colon = field.indexOf(':');
        int start = colon + 1;
        while (start <= field.length()) {
            int end = field.indexOf(';', start);
            if (end < 0) {
                end = field.length();
            }
            String part = field.substring(start, end);
            int eq = part.indexOf('=');
            if (eq >= 0 && part.substring(0, eq).strip().equals("b")) {
                return field.substring(0, start + eq + 1) + field.substring(end);
            }
            start = end + 1;
        }
        return field;
    }

    /** Simple body canonicalization (RFC 6376 §3.4.3): empty lines at the end go; an empty body is one CRLF. */
    static byte[] simpleBody(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 2);
        // lines end with CRLF (a bare LF, as a file may hold, counts as one)
        for (int i = 0; i < body.length; i++) {
            if (body[i] == '\n' && (i == 0 || body[i - 1] != '\r')) {
                out.write('\r');
            }
            out.write(body[i]);
        }
        byte[] b = out.toByteArray();
        int end = b.length;
        if (end > 0 && !(end >= 2 && b[end - 2] == '\r' && b[end - 1] == '\n')) {
            return concat(b, end);
        }
        while (end >= 4 && b[end - 4] == '\r' && b[end - 3] == '\n' && b[end - 2] == '\r' && b[end - 1] == '\n') {
            end -= 2;
        }
        if (end == 2 && b[0] == '\r' && b[1] == '\n' || end == 0) {
            return new byte[] {'\r', '\n'};
        }
        return Arrays.copyOf(b, end);
    }

    private static byte[] concat(byte[] b, int end) {
        byte[] withCrlf = Arrays.copyOf(b, end + 2);
        withCrlf[end] = '\r';
        withCrlf[end + 1] = '\n';
        return withCrlf;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
