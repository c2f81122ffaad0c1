package org.facteur.mailserver.dkim;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * DKIM signatures (RFC 6376, relaxed/relaxed) over a raw message, plain Java: rsa-sha256 with the JDK's
 * {@code SHA256withRSA} and ed25519-sha256 (RFC 8463: PureEdDSA over the SHA-256 hash of the canonical header
 * data) with Bouncy Castle's {@code Ed25519Signer}. The caller puts the returned header fields above the message unchanged.
 */
public final class DkimSigner {
    /**
     * Header fields signed when present, each instance of them; {@code From} is also signed once more than it
     * occurs, so that a second From added on the way breaks the signature (RFC 6376 §8.15).
     */
    static final List<String> SIGNED_HEADERS = List.of("from", "sender", "reply-to", "subject", "date", "message-id",
            "to", "cc", "in-reply-to", "references", "mime-version", "content-type", "content-transfer-encoding",
            "content-disposition", "content-language", "list-id", "list-help", "list-unsubscribe", "list-subscribe",
            "list-post", "list-owner", "list-archive", "archived-at", "list-unsubscribe-post", "auto-submitted", "autocrypt");
    private static final Set<String> OVERSIGNED = Set.of("from");
    private static final int LINE = 76;
    private static final Map<PrivateKey, Ed25519PrivateKeyParameters> ED25519 = new ConcurrentHashMap<>();

    private DkimSigner() {
    }

    /**
     * @param message the whole message as it will leave (header, blank line, body)
     * @param keys the keys of one domain, one signature each, in this order
     * @return one {@code DKIM-Signature: ...} field per key, folded, each ending with CRLF
     */
    public static List<String> sign(byte[] message, List<DkimKey> keys, Instant now) {
        Parsed parsed = Parsed.of(message);
        String bodyHash = Base64.getEncoder().encodeToString(sha256(relaxedBody(parsed.body)));
        List<String> names = new ArrayList<>();
        StringBuilder signedHeaders = new StringBuilder();
        List<Header> unused = new ArrayList<>(parsed.headers);
        for (String name : SIGNED_HEADERS) {
            long count = parsed.headers.stream().filter(h -> h.name.equals(name)).count();
            for (long i = 0; i < count + (OVERSIGNED.contains(name) ? 1 : 0); i++) {
                names.add(name);
                // instances are signed from the bottom up (RFC 6376 §5.4.2)
                for (int j = unused.size() - 1; j >= 0; j--) {
                    if (unused.get(j).name.equals(name)) {
                        signedHeaders.append(relaxedHeader(unused.remove(j).field));
                        break;
                    }
                }
            }
        }
        List<String> fields = new ArrayList<>();
        for (DkimKey key : keys) {
            fields.add(signOne(key, String.join(":", names), bodyHash, signedHeaders.toString(), now));
        }
        return fields;
    }

    private static String signOne(DkimKey key, String headerList, String bodyHash, String signedHeaders, Instant now) {
        String unsigned = "DKIM-Signature: v=1; a=" + key.algorithm().tag() + "; c=relaxed/relaxed; d=" + key.domain()
                + "; s=" + key.selector() + ";\r\n\tt=" + now.getEpochSecond() + "; h=" + headerList + ";\r\n\tbh="
                + bodyHash + ";\r\n\tb=";
        // the signature field itself is hashed last, canonicalized, with an empty b= and without its final CRLF
        String canonical = relaxedHeader(unsigned);
        byte[] data = (signedHeaders + canonical.substring(0, canonical.length() - 2)).getBytes(StandardCharsets.ISO_8859_1);
        byte[] signature;
        try {
            if (key.algorithm() == DkimAlgorithm.RSA) {
                Signature rsa = Signature.getInstance("SHA256withRSA");
                rsa.initSign(key.privateKey());
                rsa.update(data);
                signature = rsa.sign();
            } else {
                byte[] hash = sha256(data);
                Ed25519Signer ed = new Ed25519Signer();
                ed.init(true, ed25519(key.privateKey()));
                ed.update(hash, 0, hash.length);
                signature = ed.generateSignature();
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with " + key, e);
        }
        String b = Base64.getEncoder().encodeToString(signature);
        StringBuilder field = new StringBuilder(unsigned);
        // whitespace inside b= is ignored by verifiers (RFC 6376 §3.5): fold it into short lines
        for (int i = 0; i < b.length(); i += LINE) {
            field.append(i == 0 ? "" : "\r\n\t ").append(b, i, Math.min(b.length(), i + LINE));
        }
        return field.append("\r\n").toString();
    }

    /**
     * Bouncy Castle's form of an Ed25519 private key, kept per key: Ed25519 signatures are deterministic, so it signs
     * exactly as the JDK's {@code Ed25519} would, in a tenth of the time (the JDK's was 40% of both signatures' cost),
     * and the public half it derives once is not derived again for every message.
     */
    private static Ed25519PrivateKeyParameters ed25519(PrivateKey key) {
        Ed25519PrivateKeyParameters known = ED25519.get(key);
        if (known != null) {
            return known;
        }
        if (ED25519.size() >= 1000) {
            ED25519.clear(); // retired keys of many rotations: start again rather than grow
        }
        byte[] seed = ((EdECPrivateKey) key).getBytes()
                .orElseThrow(() -> new IllegalStateException("an Ed25519 DKIM key without its private bytes"));
        Ed25519PrivateKeyParameters made = new Ed25519PrivateKeyParameters(seed, 0);
        made.generatePublicKey();
        ED25519.put(key, made);
        return made;
    }

    /** Relaxed header canonicalization (RFC 6376 §3.4.2) of one field, raw and possibly folded; ends with CRLF. */
    static String relaxedHeader(String field) {
        int colon = field.indexOf(':');
        String name = field.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        String value = field.substring(colon + 1).replace("\r\n", "").replace("\n", "")
                .replaceAll("[ \t]+", " ").strip();
        return name + ":" + value + "\r\n";
    }

    /**
     * Relaxed body canonicalization (RFC 6376 §3.4.4): runs of spaces and tabs become one space, those at line ends
     * go, empty lines at the end go, every line ends with CRLF. One pass over the bytes.
     */
    static byte[] relaxedBody(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 2);
        byte[] line = new byte[256];
        int emptyLines = 0;
        int start = 0;
        while (start < body.length) {
            int end = start;
            while (end < body.length && body[end] != '\n') {
                end++;
            }
            int stop = end < body.length && end > start && body[end - 1] == '\r' ? end - 1 : end;
            if (line.length < stop - start) {
                line = new byte[stop - start];
            }
            int n = 0;
            boolean space = false;
            for (int i = start; i < stop; i++) {
                byte b = body[i];
                if (b == ' ' || b == '\t') {
                    space = true;
                } else {
                    if (space) {
                        line[n++] = ' ';
                        space = false;
                    }
                    line[n++] = b;
                }
            }
            if (n == 0) {
                emptyLines++;
            } else {
                for (; emptyLines > 0; emptyLines--) {
                    out.write('\r');
                    out.write('\n');
                }
                out.write(line, 0, n);
                out.write('\r');
                out.write('\n');
            }
            start = end + 1;
        }
        return out.toByteArray();
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    record Header(String name, String field) {
    }

    /** The header fields (unfolded names, raw text) and the body bytes of a message. */
    record Parsed(List<Header> headers, byte[] body) {
        static Parsed of(byte[] message) {
            List<Header> headers = new ArrayList<>();
            int i = 0;
            StringBuilder current = null;
            while (i < message.length) {
                int eol = i;
                while (eol < message.length && message[eol] != '\n') {
                    eol++;
                }
                int next = Math.min(eol + 1, message.length);
                int lineEnd = eol > i && message[eol - 1] == '\r' ? eol - 1 : eol;
                String line = new String(message, i, lineEnd - i, StandardCharsets.ISO_8859_1);
                i = next;
                if (line.isEmpty()) {
                    break;
                }
                if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && current != null) {
                    current.append("\r\n").append(line);
                    continue;
                }
                add(headers, current);
                current = new StringBuilder(line);
            }
            add(headers, current);
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.write(message, i, message.length - i);
            return new Parsed(headers, body.toByteArray());
        }

        private static void add(List<Header> headers, StringBuilder field) {
            if (field != null && field.indexOf(":") > 0) {
                String text = field.toString();
                headers.add(new Header(text.substring(0, text.indexOf(':')).strip().toLowerCase(Locale.ROOT), text));
            }
        }
    }
}
