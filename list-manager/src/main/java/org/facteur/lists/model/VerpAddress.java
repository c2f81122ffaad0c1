package org.facteur.lists.model;

import java.util.Locale;
import java.util.Optional;

/**
 * The envelope sender of one member's copy (VERP): {@code team-owner+<token>@example.org}. A bounce comes back to it,
 * so the token names the member whose copy bounced without parsing the bounce; the address of the member is not in it.
 *
 * @param ownerAddress the list's {@code team-owner@example.org}
 * @param token the member's {@link MemberToken}
 */
public record VerpAddress(String ownerAddress, String token) {
    private static final String OWNER_SUFFIX = "-owner";

    public static VerpAddress of(MailingList list, String token) {
        return new VerpAddress(list.ownerAddress(), token);
    }

    /** {@code team-owner+<token>@example.org}. */
    public String address() {
        return Addresses.localPart(ownerAddress) + "+" + token + "@" + Addresses.domain(ownerAddress);
    }

    /** The list's posting address, {@code team@example.org}. */
    public String listAddress() {
        String local = Addresses.localPart(ownerAddress);
        return local.substring(0, local.length() - OWNER_SUFFIX.length()) + "@" + Addresses.domain(ownerAddress);
    }

    /**
     * Reads {@code team-owner+<token>@example.org} (any case); empty for any other address, also for a detail that
     * is not a well-formed token. Which list and member it names is for the store to say.
     */
    public static Optional<VerpAddress> parse(String address) {
        if (!Addresses.isValid(address)) {
            return Optional.empty();
        }
        String normalized = address.trim().toLowerCase(Locale.ROOT);
        String local = Addresses.localPart(normalized);
        int plus = local.indexOf('+');
        if (plus < 0) {
            return Optional.empty();
        }
        String base = local.substring(0, plus);
        String token = local.substring(plus + 1);
        if (!base.endsWith(OWNER_SUFFIX) || base.length() == OWNER_SUFFIX.length() || !MemberToken.isWellFormed(token)) {
            return Optional.empty();
        }
        return Optional.of(new VerpAddress(base + "@" + Addresses.domain(normalized), token));
    }
}
