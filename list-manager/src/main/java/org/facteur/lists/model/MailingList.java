package org.facteur.lists.model;

import java.util.Locale;
import java.util.Objects;

/**
 * A list and its settings. The address is the posting address ({@code team@example.org}); every other
 * address of the list ({@code team-request@}, {@code team-owner@}...) is derived from it. {@code copies}: one copy per
 * member (the default) or batched copies, see {@link Copies}; {@code archive}: whether posts are archived and who reads
 * them, see {@link ArchiveAccess}.
 */
public record MailingList(String address, String name, String description, Locale language, Policies policies,
        ReplyToPolicy replyTo, String footer, long maxMessageBytes, DmarcMitigation dmarc, Copies copies,
        ArchiveAccess archive) {

    /** With a members-only archive ({@link ArchiveAccess#MEMBERS}). */
    public MailingList(String address, String name, String description, Locale language, Policies policies,
            ReplyToPolicy replyTo, String footer, long maxMessageBytes, DmarcMitigation dmarc, Copies copies) {
        this(address, name, description, language, policies, replyTo, footer, maxMessageBytes, dmarc, copies, ArchiveAccess.MEMBERS);
    }

    /** With the default DMARC mitigation ({@link DmarcMitigation#DEFAULT}) and one copy per member. */
    public MailingList(String address, String name, String description, Locale language, Policies policies,
            ReplyToPolicy replyTo, String footer, long maxMessageBytes) {
        this(address, name, description, language, policies, replyTo, footer, maxMessageBytes, DmarcMitigation.DEFAULT);
    }

    /** With one copy per member. */
    public MailingList(String address, String name, String description, Locale language, Policies policies,
            ReplyToPolicy replyTo, String footer, long maxMessageBytes, DmarcMitigation dmarc) {
        this(address, name, description, language, policies, replyTo, footer, maxMessageBytes, dmarc, Copies.PERSONAL);
    }

    /** With the default DMARC mitigation. */
    public MailingList(String address, String name, String description, Locale language, Policies policies,
            ReplyToPolicy replyTo, String footer, long maxMessageBytes, Copies copies) {
        this(address, name, description, language, policies, replyTo, footer, maxMessageBytes, DmarcMitigation.DEFAULT, copies);
    }

    public MailingList {
        address = Addresses.normalize(address);
        if (Addresses.localPart(address).contains("+") || Addresses.localPart(address).endsWith("-request")
                || Addresses.localPart(address).endsWith("-owner") || Addresses.localPart(address).endsWith("-subscribe")
                || Addresses.localPart(address).endsWith("-unsubscribe")) {
            throw new IllegalArgumentException("'" + address + "' cannot be a list address: it looks like one of a list's command addresses.");
        }
        name = name == null || name.isBlank() ? Addresses.localPart(address) : name.strip();
        description = description == null ? "" : description.strip();
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(policies, "policies");
        Objects.requireNonNull(replyTo, "replyTo");
        footer = footer == null ? "" : footer.strip();
        if (maxMessageBytes <= 0) {
            throw new IllegalArgumentException("maxMessageBytes must be positive");
        }
        Objects.requireNonNull(dmarc, "dmarc");
        Objects.requireNonNull(copies, "copies");
        Objects.requireNonNull(archive, "archive");
    }

    public static MailingList of(String address, Preset preset, Locale language, long maxMessageBytes) {
        return new MailingList(address, null, "", language, preset.policies(), preset.replyTo(), "", maxMessageBytes);
    }

    public String localPart() {
        return Addresses.localPart(address);
    }

    public String domain() {
        return Addresses.domain(address);
    }

    /** RFC 2919 list identifier: {@code team.example.org}. */
    public String listId() {
        return localPart() + "." + domain();
    }

    public String subjectTag() {
        return "[" + localPart() + "]";
    }

    public String requestAddress() {
        return derived("request");
    }

    public String ownerAddress() {
        return derived("owner");
    }

    public String subscribeAddress() {
        return derived("subscribe");
    }

    public String unsubscribeAddress() {
        return derived("unsubscribe");
    }

    private String derived(String suffix) {
        return localPart() + "-" + suffix + "@" + domain();
    }

    public MailingList withPolicies(Policies value) {
        return new MailingList(address, name, description, language, value, replyTo, footer, maxMessageBytes, dmarc, copies, archive);
    }

    public MailingList withDescription(String value) {
        return new MailingList(address, name, value, language, policies, replyTo, footer, maxMessageBytes, dmarc, copies, archive);
    }

    public MailingList withName(String value) {
        return new MailingList(address, value, description, language, policies, replyTo, footer, maxMessageBytes, dmarc, copies, archive);
    }

    public MailingList withLanguage(Locale value) {
        return new MailingList(address, name, description, value, policies, replyTo, footer, maxMessageBytes, dmarc, copies, archive);
    }

    public MailingList withReplyTo(ReplyToPolicy value) {
        return new MailingList(address, name, description, language, policies, value, footer, maxMessageBytes, dmarc, copies, archive);
    }

    public MailingList withFooter(String value) {
        return new MailingList(address, name, description, language, policies, replyTo, value, maxMessageBytes, dmarc, copies, archive);
    }

    public MailingList withMaxMessageBytes(long value) {
        return new MailingList(address, name, description, language, policies, replyTo, footer, value, dmarc, copies, archive);
    }

    public MailingList withDmarc(DmarcMitigation value) {
        return new MailingList(address, name, description, language, policies, replyTo, footer, maxMessageBytes, value, copies, archive);
    }

    public MailingList withCopies(Copies value) {
        return new MailingList(address, name, description, language, policies, replyTo, footer, maxMessageBytes, dmarc, value, archive);
    }

    public MailingList withArchive(ArchiveAccess value) {
        return new MailingList(address, name, description, language, policies, replyTo, footer, maxMessageBytes, dmarc, copies, value);
    }
}
