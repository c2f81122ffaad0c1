package org.facteur.mailserver.imap.conformance;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.james.core.Username;
import org.apache.james.core.quota.QuotaCountLimit;
import org.apache.james.core.quota.QuotaSizeLimit;
import org.apache.james.imap.api.display.ModifiedUtf7;
import org.apache.james.mailbox.model.MailboxACL;
import org.apache.james.mailbox.model.MailboxConstants;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mpt.api.Continuation;
import org.apache.james.mpt.api.ImapFeatures;
import org.apache.james.mpt.api.ImapHostSystem;
import org.apache.james.mpt.api.Session;
import org.apache.james.mpt.imapmailbox.GrantRightsOnHost;
import org.apache.james.mpt.imapmailbox.MailboxMessageAppender;
import org.facteur.mailserver.FacteurMailServer;
import org.facteur.mailserver.imap.conformance.ScriptAccounts.Account;

/**
 * The running Facteur as an MPT host system, for one script run: accounts are made the way an operator makes
 * them ({@code facteur admin user add}), everything else the scripts prepare (mailboxes, rights, messages)
 * is done over IMAP by the owner of the mailbox, the way James's Cyrus host system does it. Nothing reaches
 * into the store: the store under test can be swapped without touching this class.
 */
final class FacteurHostSystem implements ImapHostSystem, GrantRightsOnHost, MailboxMessageAppender {
    /** Facteur is judged on everything the scripts cover: no script is skipped for a missing feature. */
    private static final ImapFeatures FEATURES = ImapFeatures.of(ImapFeatures.Feature.values());
    private static final Duration READ_TIMEOUT =
            Duration.ofSeconds(Long.getLong("facteur.mpt.readTimeoutSeconds", 10));
    private static final Pattern LISTED_NAME =
            Pattern.compile("^\\* (?:LIST|LSUB) \\([^)]*\\) (?:\"(?:[^\"\\\\]|\\\\.)*\"|NIL) (.+)$", Pattern.CASE_INSENSITIVE);

    private final FacteurMailServer server;
    private final ScriptAccounts accounts = new ScriptAccounts();
    private final Set<String> created = new HashSet<>();
    private Optional<Consumer<String>> quota = Optional.empty();
    private int tags;
    private InetAddress source;
    private static final java.util.concurrent.atomic.AtomicInteger CASES = new java.util.concurrent.atomic.AtomicInteger();

    FacteurHostSystem(FacteurMailServer server) {
        this.server = server;
        if (!server.admin().listDomains().contains(ScriptAccounts.DOMAIN)) {
            server.admin().addDomain(ScriptAccounts.DOMAIN);
        }
    }

    @Override
    public boolean addUser(Username user, String password) throws Exception {
        account(user, password);
        return true;
    }

    @Override
    public Session newSession(Continuation continuation) {
        return new ScriptSession(this, accounts, continuation);
    }

    TlsImapConnection connect() throws IOException {
        return TlsImapConnection.open(
                new InetSocketAddress(server.settings().bindAddress(), server.settings().ports().imap()), source, READ_TIMEOUT);
    }

    /**
     * Each script case connects from its own loopback address (127.0.0.2, .3, …), as separate clients would:
     * the login throttle stays on, and the failed logins some scripts make on purpose (Login.test, the
     * three-strikes cases) count against that case's address only, not against every later case.
     */
    @Override
    public void beforeTest() throws Exception {
        InetAddress bind = InetAddress.getByName(server.settings().bindAddress());
        if (bind.isLoopbackAddress() && bind.getAddress().length == 4) {
            int n = CASES.getAndIncrement() % 60_000 + 2;
            source = InetAddress.getByAddress(new byte[] {127, 0, (byte) (n >> 8), (byte) n});
        }
    }

    @Override
    public void afterTest() {
    }

    @Override
    public boolean supports(ImapFeatures.Feature... features) {
        return FEATURES.supports(features);
    }

    @Override
    public void createMailbox(MailboxPath path) throws Exception {
        Account owner = owner(path);
        try (TlsImapConnection c = loggedIn(owner)) {
            ok(c, "CREATE " + quoted(mailboxName(path)));
        }
    }

    @Override
    public void grantRights(MailboxPath path, Username user, MailboxACL.Rfc4314Rights rights) throws Exception {
        Account owner = owner(path);
        Account grantee = account(user, null);
        try (TlsImapConnection c = loggedIn(owner)) {
            ok(c, "SETACL " + quoted(mailboxName(path)) + " " + quoted(grantee.address()) + " " + rights.serialize());
        }
    }

    /** Four messages: plain, \Seen, \Flagged, \Deleted (what the ACL scripts expect to find). */
    @Override
    public void fillMailbox(MailboxPath path) {
        try {
            Account owner = owner(path);
            try (TlsImapConnection c = loggedIn(owner)) {
                for (String flags : List.of("", "\\Seen", "\\Flagged", "\\Deleted")) {
                    append(c, mailboxName(path), flags, """
                            Date: Tue, 1 Dec 2026 10:00:00 +0100\r
                            From: Owner <owner@example.net>\r
                            To: Reader <reader@example.net>\r
                            Subject: a message for the ACL scripts\r
                            Message-ID: <mpt-acl@example.net>\r
                            \r
                            Prepared by Facteur's MPT host system.\r
                            """);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not fill " + path, e);
        }
    }

    /**
     * James's harness sets global limits (before the script makes its users); here every account of the script,
     * made before or after, gets them, through Facteur's administration ({@code facteur admin quota set}).
     */
    @Override
    public void setQuotaLimits(QuotaCountLimit messages, QuotaSizeLimit storage) {
        quota = Optional.of(address -> server.admin().setQuota(address,
                storage.isUnlimited() ? Optional.empty() : Optional.of(storage.asLong()),
                messages.isUnlimited() ? Optional.empty() : Optional.of(messages.asLong())));
        created.forEach(quota.get());
    }

    // ---- accounts

    private Account account(Username user, String scriptPassword) throws IOException {
        Account account = accounts.account(user.asString(), scriptPassword);
        if (created.add(account.address())) {
            server.admin().addUser(account.address(), account.password());
            leaveOnlyInbox(account);
            quota.ifPresent(q -> q.accept(account.address()));
        }
        return account;
    }

    /**
     * The scripts expect an account with INBOX only (James's harness does not provision default folders);
     * Facteur gives a new mailbox Sent, Drafts, Trash, Junk and Archive, so they are removed over IMAP first.
     */
    private void leaveOnlyInbox(Account account) throws IOException {
        try (TlsImapConnection c = loggedIn(account)) {
            for (String name : sortedDeepestFirst(names(ok(c, "LIST \"\" \"*\"")))) {
                ok(c, "DELETE " + quoted(name));
            }
            for (String name : names(ok(c, "LSUB \"\" \"*\""))) {
                ok(c, "UNSUBSCRIBE " + quoted(name));
            }
        }
    }

    private Account owner(MailboxPath path) throws IOException {
        if (!MailboxConstants.USER_NAMESPACE.equals(path.getNamespace())) {
            throw new UnsupportedOperationException("a mailbox in the namespace " + path.getNamespace()
                    + " cannot be made over IMAP (Facteur serves only #private)");
        }
        return account(path.getUser(), null);
    }

    /** The owner's name for the mailbox; MPT's "" (a user's root, Cyrus's user.NAME) is the owner's INBOX. */
    private String mailboxName(MailboxPath path) {
        return path.getName().isEmpty() ? "INBOX" : ModifiedUtf7.encodeModifiedUTF7(accounts.toServer(path.getName()));
    }

    // ---- a minimal IMAP client for the preparation

    private TlsImapConnection loggedIn(Account account) throws IOException {
        TlsImapConnection c = connect();
        try {
            ok(c, "LOGIN " + quoted(account.address()) + " " + quoted(account.password()));
            return c;
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private List<String> ok(TlsImapConnection c, String command) throws IOException {
        String tag = "prep" + (++tags);
        c.writeLine(tag + " " + command);
        return untilTagged(c, tag, command);
    }

    private void append(TlsImapConnection c, String mailbox, String flags, String message) throws IOException {
        String tag = "prep" + (++tags);
        c.writeLine(tag + " APPEND " + quoted(mailbox) + " (" + flags + ") {" + message.length() + "}");
        String go = c.readLine();
        if (!go.startsWith("+")) {
            throw new IOException("APPEND to " + mailbox + " got '" + go + "' instead of a continuation");
        }
        c.writeLine(message.substring(0, message.length() - 2));
        c.writeLine("");
        untilTagged(c, tag, "APPEND " + mailbox);
    }

    private static List<String> untilTagged(TlsImapConnection c, String tag, String command) throws IOException {
        List<String> untagged = new ArrayList<>();
        for (String line = c.readLine(); ; line = c.readLine()) {
            if (line.startsWith(tag + " ")) {
                if (!line.startsWith(tag + " OK")) {
                    throw new IOException("preparing the script: " + command + " answered " + line);
                }
                return untagged;
            }
            untagged.add(line);
        }
    }

    private static List<String> names(List<String> listing) {
        List<String> names = new ArrayList<>();
        for (String line : listing) {
            Matcher m = LISTED_NAME.matcher(line);
            if (m.matches()) {
                String name = m.group(1);
                if (name.startsWith("\"")) {
                    name = name.substring(1, name.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
                }
                if (!name.equalsIgnoreCase("INBOX")) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    private static List<String> sortedDeepestFirst(List<String> names) {
        return names.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    private static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
