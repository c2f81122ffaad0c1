package org.facteur.mailserver;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.james.GuiceJamesServer;
import org.apache.james.NaiveDelegationStoreModule;
import org.apache.james.imap.api.process.MailboxTyper;
import org.apache.james.modules.server.MailetContainerModule;
import org.apache.james.modules.MailboxModule;
import org.apache.james.modules.MailetProcessingModule;
import org.apache.james.modules.mailbox.DefaultEventModule;
import org.apache.james.modules.mailbox.MemoryDeadLetterModule;
import org.apache.james.modules.protocols.IMAPServerModule;
import org.apache.james.modules.protocols.ProtocolHandlerModule;
import org.apache.james.modules.protocols.SMTPServerModule;
import org.apache.james.modules.server.RawPostDequeueDecoratorModule;
import org.apache.james.modules.server.TaskManagerModule;
import org.apache.james.server.core.configuration.Configuration;
import org.apache.james.utils.GuiceProbe;
import org.facteur.lists.ListService;
import org.facteur.lists.ListSettings;
import org.facteur.mailserver.admin.JamesServices;
import org.facteur.mailserver.admin.MailAdmin;
import org.facteur.mailserver.config.JamesConfigWriter;
import org.facteur.mailserver.imap.ImapGuardModule;
import org.facteur.mailserver.lists.HeldPostExpiry;
import org.facteur.mailserver.lists.ListStores;
import org.facteur.mailserver.lists.ListsModule;
import org.facteur.mailserver.lists.MailingLists;
import org.facteur.mailserver.pgp.PgpModule;
import org.facteur.mailserver.pgp.UserKeys;
import org.facteur.mailserver.imap.SpecialUseMailboxTyper;
import org.facteur.mailserver.queue.ActiveMqQueueModule;
import org.facteur.mailserver.search.LuceneSearchModule;
import org.facteur.mailserver.search.SearchIndexRecovery;
import org.facteur.mailserver.store.DatabaseSettings;
import org.facteur.mailserver.store.MailboxIndexes;
import org.facteur.mailserver.store.JpaDataModule;
import org.facteur.mailserver.store.JpaEntityManagerModule;
import org.facteur.mailserver.store.JpaMailboxModule;
import org.facteur.mailserver.store.mailbox.SqlMailboxes;
import org.facteur.mailserver.tls.TlsIdentity;
import org.facteur.pgp.OpenPgp;
import org.facteur.pgp.mime.PgpMime;
import org.facteur.pgp.store.FileUserKeyStore;
import org.facteur.pgp.store.UserKeyStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.util.Modules;

/**
 * Apache James embedded in this JVM with a durable store under one data directory:
 * JPA on embedded Derby (mailboxes, users, domains, aliases, quotas, Sieve), a Lucene search index,
 * an ActiveMQ/KahaDB mail queue and file mail repositories.
 */
public final class FacteurMailServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FacteurMailServer.class);
    public static final String DEFAULT_DOMAIN = "localhost";

    private final MailServerSettings settings;
    private final GuiceJamesServer james;
    private final MailAdmin admin;
    private final TlsIdentity tls;

    private final SearchIndexRecovery searchIndex;
    private final ListStores.Opened listStore;
    private final MailingLists lists;
    private final HeldPostExpiry heldPostExpiry;
    private final UserKeys userKeys;
    private AutoCloseable mailboxStore = () -> { };

    private FacteurMailServer(MailServerSettings settings, GuiceJamesServer james, TlsIdentity tls,
                              SearchIndexRecovery searchIndex, ListStores.Opened listStore, ListService listService,
                              UserKeyStore keyStore, OpenPgp pgp) {
        this.settings = settings;
        this.searchIndex = searchIndex;
        this.james = james;
        this.tls = tls;
        this.listStore = listStore;
        JamesServices services = james.getProbe(JamesServices.class);
        this.admin = new MailAdmin(services, address -> listService.resolve(address).isPresent());
        this.lists = new MailingLists(listService, services);
        this.heldPostExpiry = new HeldPostExpiry(listService, services.mailetContext(), Duration.ofMinutes(1));
        this.userKeys = new UserKeys(keyStore, services, pgp);
    }

    public static FacteurMailServer start(MailServerSettings settings) throws Exception {
        return start(settings, false);
    }

    // --- Store round (#9): James's mailboxes on Facteur's SQL store, opt-in until the data/users switch makes it
    // the only store (that switch opens the one Database and hands it to SqlMailboxModule.on).
    static FacteurMailServer start(MailServerSettings settings, boolean sqlMailboxes) throws Exception {
        // James calls System.exit on a start-up error unless told otherwise: an embedded server must throw.
        System.setProperty("james.exit.on.startup.error", "false");
        long begin = System.nanoTime();
        Path data = settings.dataDir();
        Files.createDirectories(data);
        restrictToOwner(data);
        configureDerby(settings.data());
        TlsIdentity tls = TlsIdentity.prepare(settings);
        JamesConfigWriter.write(settings, tls, DEFAULT_DOMAIN);
        restrictToOwner(settings.confDir());

        SearchIndexRecovery searchIndex = SearchIndexRecovery.beforeStart(data);
        ListStores.Opened listStore = ListStores.open(settings.lists(), data);
        ListService listService = new ListService(listStore.store(), listSettings(settings.lists()),
                settings.limits().maxMessageSize(), Clock.systemUTC());
        UserKeyStore keyStore = new FileUserKeyStore(settings.data().pgp());
        OpenPgp pgp = new OpenPgp();
        Configuration configuration = Configuration.builder()
                .workingDirectory(data.toFile())
                .build();
        DatabaseSettings database = DatabaseSettings.embeddedDerby(settings.data().legacyDerbyStore());
        SqlMailboxes sql = sqlMailboxes ? SqlMailboxes.open(settings.data()) : null;
        Module mailboxStore = sql == null ? new JpaMailboxModule() : sql.module();
        GuiceJamesServer james = GuiceJamesServer.forConfiguration(configuration)
                .combineWith(modules(database, mailboxStore), new ListsModule(listService), new PgpModule(keyStore, new PgpMime(pgp)));
        try {
            james.start();
            MailboxIndexes.ensure(database);
            searchIndex.recover(james.getProbe(JamesServices.class).reIndexer());
        } catch (Exception e) {
            stopQuietly(james);
            listStore.close();
            if (sql != null) {
                sql.close();
            }
            throw e;
        }
        FacteurMailServer server = new FacteurMailServer(settings, james, tls, searchIndex, listStore, listService,
                keyStore, pgp);
        if (sql != null) {
            server.mailboxStore = sql;
        }
        LOG.info("Mail server started in {} ms (data in {})", Duration.ofNanos(System.nanoTime() - begin).toMillis(), data);
        return server;
    }

    private static ListSettings listSettings(MailServerSettings.Lists lists) {
        return new ListSettings(lists.robotLocalPart(), lists.defaultLanguage(), lists.confirmationTtl(), lists.heldPostTtl(),
                Duration.ofSeconds(10), lists.recipientsPerMessage());
    }

    /** Derby reads these once, when it boots; an operator's -D settings win. */
    private static void configureDerby(DataDirectory data) throws IOException {
        Path logs = Files.createDirectories(data.logs());
        System.setProperty("derby.stream.error.file",
                System.getProperty("derby.stream.error.file", logs.resolve("derby.log").toString()));
        // 4000 pages of 4 KiB = 16 MiB of page cache instead of 4 MiB.
        System.setProperty("derby.storage.pageCacheSize", System.getProperty("derby.storage.pageCacheSize", "4000"));
    }

    static Module modules(DatabaseSettings database, Module mailboxStore) {
        Module server = Modules.combine(
                new MailetProcessingModule(),
                new NaiveDelegationStoreModule(),
                new JpaEntityManagerModule(database),
                new JpaDataModule(),
                mailboxStore,
                new MailboxModule(),
                new DefaultEventModule(),
                new MemoryDeadLetterModule(),
                new LuceneSearchModule(),
                new ActiveMqQueueModule(),
                new RawPostDequeueDecoratorModule(),
                new TaskManagerModule(),
                new ProtocolHandlerModule(),
                new SMTPServerModule(),
                new IMAPServerModule(),
                binder -> binder.bind(MailetContainerModule.DefaultProcessorsConfigurationSupplier.class)
                        .toInstance(BaseHierarchicalConfiguration::new),
                binder -> Multibinder.newSetBinder(binder, GuiceProbe.class).addBinding().to(JamesServices.class));
        return Modules.override(server).with(
                binder -> binder.bind(MailboxTyper.class).to(SpecialUseMailboxTyper.class),
                new ImapGuardModule());
    }

    public MailAdmin admin() {
        return admin;
    }

    /** Mailing lists served by this server. */
    public MailingLists lists() {
        return lists;
    }

    /** OpenPGP keys and settings of this server's users (encryption at rest, WKD, Autocrypt). */
    public UserKeys pgp() {
        return userKeys;
    }

    public MailServerSettings settings() {
        return settings;
    }

    public TlsIdentity tls() {
        return tls;
    }

    /** Readiness of each part: SMTP and IMAP listeners accept connections, the store answers. */
    public Map<String, Boolean> readiness() {
        Map<String, Boolean> parts = new LinkedHashMap<>();
        String host = "0.0.0.0".equals(settings.bindAddress()) ? "127.0.0.1" : settings.bindAddress();
        parts.put("smtp", james.isStarted() && accepts(host, settings.ports().smtp())
                && accepts(host, settings.ports().submission()));
        parts.put("imap", james.isStarted() && accepts(host, settings.ports().imap()));
        boolean store;
        try {
            admin.listDomains();
            store = true;
        } catch (RuntimeException e) {
            store = false;
        }
        parts.put("store", store);
        return parts;
    }

    public boolean isReady() {
        return readiness().values().stream().allMatch(Boolean::booleanValue);
    }

    private static boolean accepts(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        LOG.info("Stopping the mail server");
        heldPostExpiry.close();
        if (stopQuietly(james)) {
            searchIndex.markCleanShutdown();
        }
        listStore.close();
        try {
            mailboxStore.close();
        } catch (Exception e) {
            LOG.warn("Error while closing the mailbox store", e);
        }
    }

    private static boolean stopQuietly(GuiceJamesServer james) {
        try {
            james.stop();
            return true;
        } catch (RuntimeException e) {
            LOG.warn("Error while stopping James", e);
            return false;
        }
    }

    private static void restrictToOwner(Path dir) {
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException | IOException e) {
            LOG.debug("Could not restrict permissions of {}", dir);
        }
    }
}
