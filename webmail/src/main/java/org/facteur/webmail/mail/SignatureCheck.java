package org.facteur.webmail.mail;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.facteur.pgp.Certificate;
import org.facteur.pgp.SignatureStatus;
import org.facteur.pgp.UserIds;

/**
 * The signature line above a message: verified (by whom, with which key), made by a key this server does not know
 * for the sender, or bad (the signed part was changed). {@code signer} is "Name &lt;address&gt;" (the name from the
 * key's user ID for the address, else from the From header); {@code fingerprint} and {@code keyId} are grouped by
 * four for reading.
 */
public record SignatureCheck(Kind kind, String signer, String fingerprint, String keyId) {
    public enum Kind { VERIFIED, UNKNOWN_KEY, BAD }

    /**
     * What the pgp module found, for a message whose From is {@code from}, checked against {@code known} (the
     * certificates the server has for that address); empty for a message that carries no signature.
     */
    static Optional<SignatureCheck> of(SignatureStatus status, String from, List<Certificate> known) {
        return switch (status) {
            case SignatureStatus.Unsigned u -> Optional.empty();
            case SignatureStatus.Verified v -> Optional.of(new SignatureCheck(Kind.VERIFIED,
                    signer(from, known.stream().filter(c -> c.fingerprint().equals(v.signerFingerprint())).findFirst()),
                    grouped(v.signerFingerprint()), ""));
            case SignatureStatus.BadSignature b when b.byUnknownKey() ->
                    Optional.of(new SignatureCheck(Kind.UNKNOWN_KEY, "", "", keyId(b.unknownKeyIds().getFirst())));
            case SignatureStatus.BadSignature b -> Optional.of(new SignatureCheck(Kind.BAD, "", "", ""));
        };
    }

    /** The address of a From value as the message page shows it ("Name &lt;a@b&gt;" or "a@b"), lower-cased. */
    static String addressOf(String from) {
        String value = from == null ? "" : from.strip();
        int open = value.lastIndexOf('<');
        if (open >= 0 && value.endsWith(">")) {
            value = value.substring(open + 1, value.length() - 1);
        }
        return value.strip().toLowerCase(Locale.ROOT);
    }

    private static String signer(String from, Optional<Certificate> certificate) {
        String address = addressOf(from);
        String name = certificate.flatMap(c -> c.userIds().stream().filter(uid -> UserIds.matches(uid, address)).findFirst())
                .map(SignatureCheck::nameOf).filter(n -> !n.isEmpty()).orElseGet(() -> nameOf(from == null ? "" : from));
        return name.isEmpty() ? address : name + " <" + address + ">";
    }

    /** The phrase before "&lt;address&gt;", unquoted; "" when there is none. */
    private static String nameOf(String mailbox) {
        int open = mailbox.lastIndexOf('<');
        if (open <= 0) {
            return "";
        }
        String name = mailbox.substring(0, open).strip();
        if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
            name = name.substring(1, name.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return name.strip();
    }

    /** A key ID (the last 16 hex digits of a fingerprint), grouped. */
    private static String keyId(String issuer) {
        String hex = issuer.replaceAll("[^0-9A-Fa-f]", "").toUpperCase(Locale.ROOT);
        return grouped(hex.length() > 16 ? hex.substring(hex.length() - 16) : hex);
    }

    private static String grouped(String hex) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 4) {
            out.append(i == 0 ? "" : " ").append(hex, i, Math.min(hex.length(), i + 4));
        }
        return out.toString();
    }
}
