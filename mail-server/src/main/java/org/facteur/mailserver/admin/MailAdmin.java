package org.facteur.mailserver.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javax.mail.internet.AddressException;

import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.core.quota.QuotaCountLimit;
import org.apache.james.core.quota.QuotaSizeLimit;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.quota.QuotaManager;
import org.apache.james.mailbox.model.QuotaRoot;
import org.apache.james.rrt.api.RecipientRewriteTableException;
import org.apache.james.rrt.lib.Mapping;
import org.apache.james.rrt.lib.MappingSource;
import org.apache.james.rrt.lib.Mappings;
import org.apache.james.user.api.UsersRepositoryException;
import org.facteur.mailserver.dkim.DkimKey;
import org.facteur.mailserver.dkim.DkimKeys;
import org.facteur.mailserver.dns.DnsRecords;

/**
 * Administration of domains, mailboxes, aliases and quotas: what {@code facteur admin} does.
 * Every refusal is an {@link AdminException} with one clear sentence.
 */
public final class MailAdmin {
    /** Folders every new mailbox gets (RFC 6154 special-use names clients recognise). */
    public static final List<String> DEFAULT_FOLDERS = List.of("Sent", "Drafts", "Trash", "Junk", "Archive");

    private final JamesServices james;
    private final java.util.function.Predicate<String> takenByAList;
    private final Optional<Long> defaultQuota;
    private final DkimKeys dkim;
    private final DnsRecords.Server server;

    /**
     * @param takenByAList whether an address belongs to a mailing list (its posting, request, owner... address)
     * @param defaultQuota storage quota (bytes) given to each new mailbox; empty for unlimited
     * @param dkim the domains' DKIM keys, made at {@link #addDomain}
     * @param server where this server answers, for {@link #dnsRecords}
     */
    public MailAdmin(JamesServices james, java.util.function.Predicate<String> takenByAList, Optional<Long> defaultQuota,
                     DkimKeys dkim, DnsRecords.Server server) {
        this.james = james;
        this.takenByAList = takenByAList;
        this.defaultQuota = defaultQuota;
        this.dkim = dkim;
        this.server = server;
    }

    private void refuseListAddress(MailAddress address) {
        if (takenByAList.test(address.asString())) {
            throw AdminException.conflict(address.asString() + " is an address of a mailing list: pick another address.");
        }
    }

    // ---- domains

    public void addDomain(String name) {
        Domain domain = domain(name);
        try {
            if (james.domains().getDomains().contains(domain)) {
                throw AdminException.conflict("Domain " + domain.asString() + " already exists.");
            }
            // the keys first: mail of the domain is signed from its first message on
            dkim.ensure(domain.asString());
            james.domains().addDomain(domain);
            // getDomains() refreshes James's domain read cache, which may hold "not local" for it.
            james.domains().getDomains();
        } catch (DomainListException e) {
            throw new IllegalStateException("could not add domain " + domain.asString(), e);
        }
    }

    /** New DKIM selectors for the domain, signing at once; the old ones stay published for a while. */
    public List<String> rotateDkim(String name) {
        Domain domain = existingDomain(name);
        return dkim.rotate(domain.asString()).stream().map(DkimKey::selector).toList();
    }

    /** The DNS records to publish for the domain, as zone-file lines (see {@link DnsRecords}). */
    public List<String> dnsRecords(String name) {
        return dnsRecords(name, server);
    }

    /**
     * The DNS records to publish for the domain, naming the server as clients and other servers reach it
     * ({@code published}: the public ports and MTA-STS policy, when a proxy or port mapping fronts Facteur).
     */
    public List<String> dnsRecords(String name, DnsRecords.Server published) {
        Domain domain = existingDomain(name);
        dkim.ensure(domain.asString());
        return DnsRecords.of(domain.asString(), published, dkim.published(domain.asString()));
    }

    /** Whether mail for this domain is served here (any case); false for what is not a domain name. */
    public boolean servesDomain(String name) {
        try {
            return james.domains().containsDomain(domain(name));
        } catch (DomainListException | AdminException e) {
            return false;
        }
    }

    public List<String> listDomains() {
        try {
            return james.domains().getDomains().stream().map(Domain::asString).sorted().toList();
        } catch (DomainListException e) {
            throw new IllegalStateException("could not list domains", e);
        }
    }

    public void removeDomain(String name) {
        Domain domain = existingDomain(name);
        long users = listUsers().stream().filter(u -> u.endsWith("@" + domain.asString())).count();
        if (users > 0) {
            throw AdminException.conflict("Domain " + domain.asString() + " still has " + users
                    + " user(s): remove them first.");
        }
        try {
            james.domains().removeDomain(domain);
        } catch (DomainListException e) {
            throw new IllegalStateException("could not remove domain " + domain.asString(), e);
        }
    }

    // ---- users

    public void addUser(String address, String password) {
        MailAddress mail = address(address);
        existingDomain(mail.getDomain().asString());
        Username user = Username.fromMailAddress(mail);
        refuseListAddress(mail);
        PasswordPolicy.check(user.asString(), password);
        try {
            if (james.users().contains(user)) {
                throw AdminException.conflict("User " + user.asString() + " already exists.");
            }
            if (!james.rewrites().getStoredMappings(MappingSource.fromUser(user)).isEmpty()) {
                throw AdminException.conflict(user.asString() + " is already an alias: remove the alias first.");
            }
            james.users().addUser(user, password);
        } catch (UsersRepositoryException | RecipientRewriteTableException e) {
            throw new IllegalStateException("could not add user " + user.asString(), e);
        }
        if (defaultQuota.isPresent()) {
            try {
                james.maxQuotas().setMaxStorage(james.quotaRoots().forUser(user), QuotaSizeLimit.size(defaultQuota.get()));
            } catch (MailboxException e) {
                throw new IllegalStateException("could not set the quota of " + user.asString(), e);
            }
        }
        createDefaultFolders(user);
    }

    /**
     * Rebuilds the search index of one user's mailboxes, or of all when {@code address} is empty, in the background.
     * Returns the number of mailboxes queued.
     */
    public int reindex(Optional<String> address) {
        Optional<Username> user = address.map(this::existingUser);
        return james.searchIndex().reindex(user);
    }

    public List<String> listUsers() {
        try {
            List<String> out = new ArrayList<>();
            james.users().list().forEachRemaining(u -> out.add(u.asString()));
            out.sort(null);
            return out;
        } catch (UsersRepositoryException e) {
            throw new IllegalStateException("could not list users", e);
        }
    }

    public void removeUser(String address) {
        Username user = existingUser(address);
        try {
            james.users().removeUser(user);
        } catch (UsersRepositoryException e) {
            throw new IllegalStateException("could not remove user " + user.asString(), e);
        }
    }

    public void changePassword(String address, String password) {
        Username user = existingUser(address);
        PasswordPolicy.check(user.asString(), password);
        try {
            org.apache.james.user.api.model.User stored = james.users().getUserByName(user);
            if (stored == null || !stored.setPassword(password)) {
                throw new IllegalStateException("cannot change the password of " + user.asString());
            }
            james.users().updateUser(stored);
        } catch (UsersRepositoryException e) {
            throw new IllegalStateException("could not change the password of " + user.asString(), e);
        }
    }

    private void createDefaultFolders(Username user) {
        MailboxManager mailboxes = james.mailboxes();
        MailboxSession session = mailboxes.createSystemSession(user);
        try {
            for (String name : concat("INBOX", DEFAULT_FOLDERS)) {
                MailboxPath path = MailboxPath.forUser(user, name);
                if (!Boolean.TRUE.equals(reactor.core.publisher.Mono.from(mailboxes.mailboxExists(path, session)).block())) {
                    mailboxes.createMailbox(path, MailboxManager.CreateOption.CREATE_SUBSCRIPTION, session);
                }
            }
        } catch (MailboxException e) {
            throw new IllegalStateException("could not create the folders of " + user.asString(), e);
        } finally {
            mailboxes.endProcessingRequest(session);
        }
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    // ---- aliases and forwards

    /** {@code alias} receives mail for {@code target}, a local mailbox or any remote address (a forward). */
    public void addAlias(String alias, String target) {
        MailAddress source = address(alias);
        MailAddress destination = address(target);
        existingDomain(source.getDomain().asString());
        if (source.equals(destination)) {
            throw AdminException.invalid("An alias cannot point to itself.");
        }
        refuseListAddress(source);
        try {
            if (james.users().contains(Username.fromMailAddress(source))) {
                throw AdminException.conflict(source.asString() + " is a mailbox, not an alias: pick another address.");
            }
            MappingSource from = MappingSource.fromMailAddress(source);
            if (james.rewrites().getStoredMappings(from).contains(Mapping.address(destination.asString()))) {
                throw AdminException.conflict("Alias " + source.asString() + " -> " + destination.asString()
                        + " already exists.");
            }
            james.rewrites().addAddressMapping(from, destination.asString());
        } catch (UsersRepositoryException | RecipientRewriteTableException e) {
            throw new IllegalStateException("could not add alias " + source.asString(), e);
        }
    }

    public Map<String, List<String>> listAliases() {
        try {
            Map<String, List<String>> out = new java.util.TreeMap<>();
            for (Map.Entry<MappingSource, Mappings> e : james.rewrites().getAllMappings().entrySet()) {
                List<String> targets = e.getValue().asStream()
                        .filter(m -> m.getType() == Mapping.Type.Address)
                        .map(Mapping::asString).sorted().toList();
                if (!targets.isEmpty()) {
                    out.put(e.getKey().asString(), targets);
                }
            }
            return out;
        } catch (RecipientRewriteTableException e) {
            throw new IllegalStateException("could not list aliases", e);
        }
    }

    public void removeAlias(String alias, String target) {
        MailAddress source = address(alias);
        MappingSource from = MappingSource.fromMailAddress(source);
        try {
            Mappings stored = james.rewrites().getStoredMappings(from);
            List<Mapping> toRemove = stored.asStream()
                    .filter(m -> m.getType() == Mapping.Type.Address)
                    .filter(m -> target == null || m.asString().equalsIgnoreCase(target.strip()))
                    .toList();
            if (toRemove.isEmpty()) {
                throw AdminException.notFound("No alias " + source.asString()
                        + (target == null ? "" : " -> " + target) + ".");
            }
            for (Mapping m : toRemove) {
                james.rewrites().removeAddressMapping(from, m.asString());
            }
        } catch (RecipientRewriteTableException e) {
            throw new IllegalStateException("could not remove alias " + source.asString(), e);
        }
    }

    // ---- quotas

    /** Sets the storage quota (bytes) and optionally the message count; empty means unlimited. */
    public void setQuota(String address, Optional<Long> storageBytes, Optional<Long> messages) {
        Username user = existingUser(address);
        QuotaRoot root = james.quotaRoots().forUser(user);
        try {
            if (storageBytes.isPresent()) {
                if (storageBytes.get() < 0) {
                    throw AdminException.invalid("A quota cannot be negative.");
                }
                james.maxQuotas().setMaxStorage(root, QuotaSizeLimit.size(storageBytes.get()));
            } else {
                james.maxQuotas().removeMaxStorage(root);
            }
            if (messages.isPresent()) {
                if (messages.get() < 0) {
                    throw AdminException.invalid("A quota cannot be negative.");
                }
                james.maxQuotas().setMaxMessage(root, QuotaCountLimit.count(messages.get()));
            } else {
                james.maxQuotas().removeMaxMessage(root);
            }
        } catch (MailboxException e) {
            throw new IllegalStateException("could not set the quota of " + user.asString(), e);
        }
    }

    public QuotaUsage quota(String address) {
        Username user = existingUser(address);
        try {
            QuotaManager.Quotas q = james.quotas().getQuotas(james.quotaRoots().forUser(user));
            return new QuotaUsage(q.getStorageQuota().getUsed().asLong(),
                    q.getStorageQuota().getLimit().isUnlimited() ? -1 : q.getStorageQuota().getLimit().asLong(),
                    q.getMessageQuota().getUsed().asLong(),
                    q.getMessageQuota().getLimit().isUnlimited() ? -1 : q.getMessageQuota().getLimit().asLong());
        } catch (MailboxException e) {
            throw new IllegalStateException("could not read the quota of " + user.asString(), e);
        }
    }

    /** Quota figures; a limit of -1 means unlimited. */
    public record QuotaUsage(long storageUsed, long storageLimit, long messagesUsed, long messagesLimit) {
    }

    // ---- helpers

    private static MailAddress address(String raw) {
        if (raw == null || raw.isBlank()) {
            throw AdminException.invalid("An email address is needed.");
        }
        String value = raw.strip().toLowerCase(Locale.ROOT);
        // a mailbox name never needs quotes, backslashes or control characters (which could reach header lines)
        if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == '"' || c == '\\')) {
            throw AdminException.invalid("'" + raw.replaceAll("\\p{Cntrl}", "?") + "' is not a valid email address.");
        }
        try {
            return new MailAddress(value);
        } catch (AddressException e) {
            throw AdminException.invalid("'" + raw + "' is not a valid email address.");
        }
    }

    private static Domain domain(String raw) {
        if (raw == null || raw.isBlank()) {
            throw AdminException.invalid("A domain name is needed.");
        }
        String d = raw.strip().toLowerCase(Locale.ROOT);
        if (!d.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*") || d.length() > 253) {
            throw AdminException.invalid("'" + raw + "' is not a valid domain name.");
        }
        return Domain.of(d);
    }

    private Domain existingDomain(String raw) {
        Domain domain = domain(raw);
        try {
            if (!james.domains().getDomains().contains(domain)) {
                throw AdminException.notFound("Unknown domain " + domain.asString()
                        + ": add it first with 'facteur admin domain add " + domain.asString() + "'.");
            }
        } catch (DomainListException e) {
            throw new IllegalStateException("could not read domains", e);
        }
        return domain;
    }

    private Username existingUser(String raw) {
        Username user = Username.fromMailAddress(address(raw));
        try {
            if (!james.users().contains(user)) {
                throw AdminException.notFound("Unknown user " + user.asString() + ".");
            }
        } catch (UsersRepositoryException e) {
            throw new IllegalStateException("could not read users", e);
        }
        return user;
    }
}
