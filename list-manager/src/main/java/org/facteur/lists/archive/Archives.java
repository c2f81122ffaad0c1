package org.facteur.lists.archive;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import org.facteur.lists.mail.MailComposer;
import org.facteur.lists.model.Addresses;
import org.facteur.lists.model.ArchiveAccess;
import org.facteur.lists.model.MailingList;
import org.facteur.lists.model.Role;
import org.facteur.lists.posting.ArchiveKeeper;
import org.facteur.lists.store.ArchiveEntry;
import org.facteur.lists.store.ArchiveStore;
import org.facteur.lists.store.ArchivedPost;
import org.facteur.lists.store.ListStore;
import org.facteur.lists.store.ListStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lists' archives (issue 11 item 5): every distributed post of a list whose {@link ArchiveAccess} is not
 * {@code OFF} is kept in the {@link ArchiveStore} and, when the list manager has one, in the {@link ArchiveIndex}.
 * Reading is for whoever {@link #mayRead} allows (the webmail's archive pages check it); removing a post and
 * exporting the archive as an mbox are for the list's owners ({@link #owns}).
 *
 * <p>The store is written first and is the truth: when indexing a post fails, the post stays archived (and the failure is
 * logged); {@link ArchiveIndex#rebuild} puts it back in the index.
 */
public final class Archives implements ArchiveKeeper {
    private static final Logger LOG = LoggerFactory.getLogger(Archives.class);
    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]+>");

    private final ListStore lists;
    private final ArchiveStore store;
    private final Optional<ArchiveIndex> index;
    private final Clock clock;

    /** @param index the full-text index; empty: posts are archived but {@link #search} is refused */
    public Archives(ListStore lists, Optional<ArchiveIndex> index, Clock clock) {
        this.lists = lists;
        this.store = lists.archives();
        this.index = index;
        this.clock = clock;
    }

    @Override
    public Optional<String> keep(MailingList list, MimeMessage copy) {
        if (!list.archive().keepsPosts()) {
            return Optional.empty();
        }
        byte[] message = MailComposer.bytes(copy);
        ArchiveEntry entry;
        try {
            entry = store.add(list.address(), headers(copy, clock.instant(), message.length), message);
        } catch (MessagingException e) {
            throw new IllegalStateException("Cannot archive a post of " + list.address() + ": " + e.getMessage(), e);
        }
        index.ifPresent(i -> {
            try {
                i.add(entry, message);
            } catch (RuntimeException e) {
                LOG.warn("The post {} of {} is archived but not indexed (rebuild the archive index): {}", entry.id(),
                        list.address(), e.toString());
            }
        });
        return Optional.of(entry.id());
    }

    private static ArchiveEntry headers(MimeMessage copy, Instant at, int size) throws MessagingException {
        List<String> references = ids(copy.getHeader("References", " "));
        List<String> inReplyTo = ids(copy.getHeader("In-Reply-To", " "));
        String from = decoded(copy.getHeader("From", ", "));
        String subject = copy.getSubject();
        Optional<Instant> sent = Optional.ofNullable(copy.getSentDate()).map(java.util.Date::toInstant);
        String messageId = ids(copy.getMessageID()).stream().findFirst().orElse("");
        return ArchiveStore.headers(at, messageId, inReplyTo.isEmpty() ? "" : inReplyTo.getFirst(), references, from,
                subject == null ? "" : subject, sent, size);
    }

    /** The Message-IDs in a header, in order; malformed ones are skipped rather than stored as threads' keys. */
    private static List<String> ids(String header) {
        List<String> ids = new ArrayList<>();
        if (header != null) {
            Matcher m = MESSAGE_ID.matcher(header);
            while (m.find()) {
                ids.add(m.group());
            }
        }
        return ids;
    }

    private static String decoded(String header) {
        if (header == null) {
            return "";
        }
        try {
            return MimeUtility.decodeText(MimeUtility.unfold(header)).strip();
        } catch (java.io.UnsupportedEncodingException e) {
            return header.strip();
        }
    }

    /**
     * Whether {@code reader} (a logged-in address; empty for an anonymous visitor) may read the list's archive: anyone
     * when it is public, the list's members (subscribers, owners, moderators) when it is members-only, nobody when off.
     */
    public boolean mayRead(String list, Optional<String> reader) {
        MailingList found = list(list);
        return switch (found.archive()) {
            case PUBLIC -> true;
            case MEMBERS -> reader.flatMap(r -> lists.findMember(found.address(), Addresses.normalize(r)))
                    .map(m -> !m.roles().isEmpty()).orElse(false);
            case OFF -> false;
        };
    }

    /** The months that have posts, oldest first, counted in {@code zone}. */
    public List<YearMonth> months(String list, ZoneId zone) {
        return store.months(list(list).address(), zone);
    }

    /** How many posts each month that has any holds, counted in {@code zone}, oldest month first. */
    public java.util.SequencedMap<YearMonth, Integer> monthCounts(String list, ZoneId zone) {
        return store.monthCounts(list(list).address(), zone);
    }

    /** Whether {@code reader} (a logged-in address; empty for an anonymous visitor) is an owner of the list. */
    public boolean owns(String list, Optional<String> reader) {
        MailingList found = list(list);
        return reader.flatMap(r -> lists.findMember(found.address(), Addresses.normalize(r))).map(m -> m.has(Role.OWNER))
                .orElse(false);
    }

    /** The posts of a month, oldest first. */
    public List<ArchiveEntry> month(String list, YearMonth month, ZoneId zone) {
        return store.month(list(list).address(), month, zone);
    }

    public Optional<ArchivedPost> find(String list, String id) {
        return store.find(list(list).address(), id);
    }

    /**
     * The list's posts that contain every word, newest first, at most {@code limit}.
     *
     * @throws IllegalStateException when this list manager has no index
     */
    public List<ArchiveEntry> search(String list, String words, int limit) {
        String address = list(list).address();
        ArchiveIndex searched = index.orElseThrow(() -> new IllegalStateException("The archives have no search index."));
        return searched.search(address, words, limit).stream()
                .flatMap(id -> store.find(address, id).map(ArchivedPost::entry).stream()).toList();
    }

    /**
     * Removes a post from the archive and from the index (a post that should not have been sent, a member's address
     * published by mistake).
     *
     * @throws ArchiveAccessDenied when {@code owner} is not an owner of the list
     * @throws ListStoreException.NotFound when the list has no such post
     */
    public void remove(String list, String id, String owner) {
        MailingList found = ownedBy(list, owner);
        if (!store.remove(found.address(), id)) {
            throw new ListStoreException.NotFound("The archive of " + found.address() + " has no post " + id + ".");
        }
        index.ifPresent(i -> i.remove(id));
        LOG.info("Archived post {} of {} removed by {}", id, found.address(), owner);
    }

    /**
     * Writes the whole archive of the list to {@code out} as an mboxrd file (see {@link Mbox}), oldest post first.
     *
     * @throws ArchiveAccessDenied when {@code owner} is not an owner of the list
     */
    public void exportMbox(String list, String owner, OutputStream out) throws IOException {
        MailingList found = ownedBy(list, owner);
        try {
            store.each(found.address(), post -> Mbox.write(post, sender(post.entry().from()), out));
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot export the archive of " + found.address() + ": " + e.getMessage(), e);
        }
        out.flush();
    }

    /** The bare address of a decoded From header, for the mbox separator line. */
    private static String sender(String from) {
        try {
            Address[] parsed = InternetAddress.parseHeader(from, false);
            return parsed.length > 0 && parsed[0] instanceof InternetAddress a ? a.getAddress() : "";
        } catch (MessagingException e) {
            return "";
        }
    }

    private MailingList ownedBy(String list, String owner) {
        MailingList found = list(list);
        if (!owns(found.address(), Optional.of(owner))) {
            throw new ArchiveAccessDenied(owner + " is not an owner of " + found.address() + ".");
        }
        return found;
    }

    private MailingList list(String list) {
        return lists.findList(Addresses.normalize(list))
                .orElseThrow(() -> new ListStoreException.NotFound("There is no list " + list + "."));
    }
}
