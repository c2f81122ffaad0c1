package org.facteur.lists;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.facteur.lists.command.Command;
import org.facteur.lists.mail.OutgoingMail;
import org.facteur.lists.model.Addresses;
import org.facteur.lists.model.MailingList;
import org.facteur.lists.model.Member;
import org.facteur.lists.model.Role;
import org.facteur.lists.store.ListStore;
import org.facteur.lists.store.PendingRequest;

/**
 * An owner's work on the web: her list's members (add, remove, import a CSV file line by line) and the subscription
 * requests waiting for an owner. Every call checks that the address owns the list; each change runs the owner's
 * command by mail ({@code ADD}, {@code DEL}, {@code CONFIRM}, {@code REJECT}) as from her logged-in mailbox, so the
 * welcome and goodbye mails, the other owners' notices and the first-decision-wins rule are the mail path's.
 */
public final class OwnerActions {
    /** Lines of an import read at most; the rest are reported as not read. */
    public static final int IMPORT_MAX_LINES = 1000;

    private final ListStore store;
    private final LoggedInCommands loggedIn;
    private final Clock clock;

    OwnerActions(ListStore store, LoggedInCommands loggedIn, Clock clock) {
        this.store = store;
        this.loggedIn = loggedIn;
        this.clock = clock;
    }

    /** One line of an import: its number in the file, the address it named (as written) and what became of it. */
    public record ImportLine(int number, String address, OwnerRequest.Outcome outcome) {
    }

    /** An import's line-by-line report, and the mails it produced (the welcome mails). */
    public record ImportReport(List<ImportLine> lines, List<OutgoingMail> mails) {
        public long added() {
            return lines.stream().filter(l -> l.outcome() == OwnerRequest.Outcome.DONE).count();
        }
    }

    /** The list, when this address owns it. */
    public Optional<MailingList> owned(String owner, String list) {
        if (owner == null || list == null || !Addresses.isValid(owner) || !Addresses.isValid(list)) {
            return Optional.empty();
        }
        String address = Addresses.normalize(owner);
        return store.findList(Addresses.normalize(list))
                .filter(l -> store.findMember(l.address(), address).map(m -> m.has(Role.OWNER)).orElse(false));
    }

    /** The list's members, for one of its owners; empty when she does not own it. */
    public Optional<List<Member>> members(String owner, String list) {
        return owned(owner, list).map(l -> store.members(l.address()));
    }

    /** The subscriptions and unsubscriptions waiting for an owner's approval, oldest first; empty when she does not own it. */
    public Optional<List<PendingRequest>> approvals(String owner, String list) {
        return owned(owner, list).map(l -> store.openPending(l.address(), clock.instant()).stream()
                .filter(OwnerActions::awaitsOwner).toList());
    }

    /** Subscribes an address, as her {@code ADD list address name} by mail. */
    public OwnerRequest add(String owner, String list, String address, String name) {
        Optional<MailingList> found = owned(owner, list);
        if (found.isEmpty()) {
            return OwnerRequest.of(OwnerRequest.Outcome.NOT_OWNER);
        }
        return add(Addresses.normalize(owner), found.get(), address, name == null ? "" : name.strip());
    }

    private OwnerRequest add(String owner, MailingList list, String address, String name) {
        if (address == null || !Addresses.isValid(address.strip()) || isListAddress(address.strip())) {
            return OwnerRequest.of(OwnerRequest.Outcome.INVALID_ADDRESS);
        }
        String member = Addresses.normalize(address.strip());
        if (isSubscriber(list, member)) {
            return OwnerRequest.of(OwnerRequest.Outcome.ALREADY_MEMBER);
        }
        Replies replies = loggedIn.run(owner, list, new Command.Add(Optional.of(list.address()), member, name));
        return new OwnerRequest(isSubscriber(list, member) ? OwnerRequest.Outcome.DONE : OwnerRequest.Outcome.INVALID_ADDRESS,
                replies.mails());
    }

    /** Unsubscribes an address, as her {@code DEL list address} by mail (an owner or moderator keeps that role). */
    public OwnerRequest remove(String owner, String list, String address) {
        Optional<MailingList> found = owned(owner, list);
        if (found.isEmpty()) {
            return OwnerRequest.of(OwnerRequest.Outcome.NOT_OWNER);
        }
        if (address == null || !Addresses.isValid(address) || !isSubscriber(found.get(), Addresses.normalize(address))) {
            return OwnerRequest.of(OwnerRequest.Outcome.NOT_MEMBER);
        }
        String member = Addresses.normalize(address);
        Replies replies = loggedIn.run(Addresses.normalize(owner), found.get(), new Command.Del(Optional.of(found.get().address()), member));
        return new OwnerRequest(isSubscriber(found.get(), member) ? OwnerRequest.Outcome.NOT_MEMBER : OwnerRequest.Outcome.DONE,
                replies.mails());
    }

    /**
     * Adds the addresses of a CSV text, one per line: {@code address[,name]} (a {@code ;} or a tab separates as well,
     * double quotes around a field are taken off, blank lines and lines starting with {@code #} are skipped, and so is
     * a first line naming the columns). Each line is reported: added, already a member, not an address, named by an
     * earlier line, or past the {@link #IMPORT_MAX_LINES} read. Empty when she does not own the list.
     */
    public Optional<ImportReport> importMembers(String owner, String list, String csv) {
        Optional<MailingList> found = owned(owner, list);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        String by = Addresses.normalize(owner);
        List<ImportLine> report = new ArrayList<>();
        List<OutgoingMail> mails = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String[] lines = (csv == null ? "" : csv).split("\r\n|\r|\n", -1);
        int read = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            List<String> fields = fields(line);
            String address = fields.get(0);
            if (i == 0 && !address.contains("@") && address.toLowerCase(Locale.ROOT).matches("e?-?mail|address|adresse|courriel")) {
                continue; // the columns' names
            }
            if (++read > IMPORT_MAX_LINES) {
                report.add(new ImportLine(i + 1, address, OwnerRequest.Outcome.BEYOND_LIMIT));
                continue;
            }
            String key = Addresses.isValid(address) ? Addresses.normalize(address) : address;
            if (!seen.add(key)) {
                report.add(new ImportLine(i + 1, address, OwnerRequest.Outcome.DUPLICATE_LINE));
                continue;
            }
            OwnerRequest added = add(by, found.get(), address, fields.size() > 1 ? fields.get(1) : "");
            mails.addAll(added.mails());
            report.add(new ImportLine(i + 1, address, added.outcome()));
        }
        return Optional.of(new ImportReport(report, mails));
    }

    /**
     * Approves ({@code CONFIRM key}) or refuses ({@code REJECT list key reason}) a request waiting for an owner, as by
     * mail: the first owner to decide wins, the others and the requester are told.
     */
    public OwnerRequest decide(String owner, String list, String key, boolean approve, String reason) {
        Optional<MailingList> found = owned(owner, list);
        if (found.isEmpty()) {
            return OwnerRequest.of(OwnerRequest.Outcome.NOT_OWNER);
        }
        Optional<PendingRequest> request = key == null ? Optional.empty() : store.findPending(key.toLowerCase(Locale.ROOT))
                .filter(p -> p.list().equals(found.get().address()) && awaitsOwner(p));
        if (request.isEmpty() || request.get().isExpired(clock.instant())) {
            return OwnerRequest.of(OwnerRequest.Outcome.UNKNOWN_REQUEST);
        }
        if (request.get().status() != PendingRequest.Status.PENDING) {
            return OwnerRequest.of(OwnerRequest.Outcome.ALREADY_DECIDED);
        }
        String by = Addresses.normalize(owner);
        String pendingKey = request.get().key();
        Command command = approve ? new Command.Confirm(pendingKey)
                : new Command.Reject(Optional.of(found.get().address()), pendingKey, reason == null ? "" : reason.strip());
        Replies replies = loggedIn.run(by, found.get(), command);
        boolean mine = store.findPending(pendingKey).flatMap(PendingRequest::decidedBy).map(by::equals).orElse(false);
        return mine ? new OwnerRequest(OwnerRequest.Outcome.DONE, replies.mails()) : OwnerRequest.of(OwnerRequest.Outcome.ALREADY_DECIDED);
    }

    private static boolean awaitsOwner(PendingRequest request) {
        return request.kind() == PendingRequest.Kind.APPROVE_SUBSCRIBE || request.kind() == PendingRequest.Kind.APPROVE_UNSUBSCRIBE;
    }

    private boolean isSubscriber(MailingList list, String address) {
        return store.findMember(list.address(), address).map(m -> m.has(Role.SUBSCRIBER)).orElse(false);
    }

    private boolean isListAddress(String address) {
        return store.findList(Addresses.normalize(address)).isPresent();
    }

    /** The fields of one CSV line: separated by {@code ,}, {@code ;} or a tab outside double quotes; {@code ""} is a quote. */
    private static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"' && quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                field.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == ',' || c == ';' || c == '\t')) {
                fields.add(field.toString().strip());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString().strip());
        return fields;
    }
}
