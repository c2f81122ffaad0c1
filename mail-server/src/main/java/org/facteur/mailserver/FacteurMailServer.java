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
import java.util.Optional;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.james.GuiceJamesServer;
import org.apache.james.core.Domain;
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
import org.apache.james.events.EventBus;
import org.apache.james.modules.server.TaskManagerModule;
import org.apache.james.server.task.json.dto.AdditionalInformationDTO;
import org.apache.james.server.task.json.dto.AdditionalInformationDTOModule;
import org.apache.james.task.Task;
import org.apache.james.task.TaskExecutionDetails;
import org.apache.james.server.task.json.dto.TaskDTO;
import org.apache.james.server.task.json.dto.TaskDTOModule;
import org.apache.james.server.core.configuration.Configuration;
import org.apache.james.utils.GuiceProbe;
import org.facteur.lists.ListService;
import org.facteur.lists.archive.ArchiveIndex;
import org.facteur.lists.ListSettings;
import org.facteur.lists.store.ListStore;
import org.facteur.mailserver.admin.JamesServices;
import org.facteur.mailserver.admin.MailAdmin;
import org.facteur.mailserver.backup.Snapshot;
import org.facteur.mailserver.backup.SnapshotTaker;
import org.facteur.mailserver.backup.SnapshotWriter;
import org.facteur.mailserver.config.JamesConfigWriter;
import org.facteur.mailserver.config.ServerAddresses;
import org.facteur.mailserver.store.domains.SqlDomainList;
import org.facteur.mailserver.dkim.DkimKeys;
import org.facteur.mailserver.dkim.DkimModule;
import org.facteur.mailserver.pgp.UserKeyStores;
import org.facteur.mailserver.dkim.FileDkimKeyStore;
import org.facteur.mailserver.dkim.SqlDkimKeyStore;
import org.facteur.mailserver.dns.DnsModule;
import org.facteur.mailserver.outbound.OutboundTlsModule;
import org.facteur.mailserver.inbound.InboundAuthModule;
import org.facteur.mailserver.inbound.DmarcRecords;
import org.facteur.mailserver.dns.DnsjavaTxtLookup;
import org.facteur.mailserver.lists.DnsDmarcPolicies;
import org.facteur.mailserver.dns.DnsRecords;
import org.facteur.mailserver.imap.ImapGuardModule;
import org.facteur.mailserver.lists.DigestSchedule;
import org.facteur.mailserver.lists.HeldPostExpiry;
import org.facteur.mailserver.login.AttemptCounters;
import org.facteur.mailserver.login.LoginModule;
import org.facteur.mailserver.metrics.JamesMetrics;
import org.facteur.mailserver.metrics.ListMetrics;
import org.facteur.mailserver.metrics.MetricsModule;
import org.facteur.mailserver.smtp.SmtpGuardModule;
import org.facteur.mailserver.mime.MimeLimits;
import org.facteur.mailserver.spool.SpoolGuardModule;
import org.facteur.mailserver.spool.SpoolProgress;
import org.facteur.mailserver.spool.SpoolWatch;
import org.facteur.mailserver.net.ProtocolServers;
import org.facteur.mailserver.lists.ListStores;
import org.facteur.mailserver.lists.ListsModule;
import org.facteur.mailserver.lists.MailingLists;
import org.facteur.mailserver.pgp.PgpModule;
import org.facteur.mailserver.pgp.UserKeys;
import org.facteur.mailserver.pgp.WebKeyDirectoryKeys;
import org.facteur.mailserver.pgp.WebKeyDirectoryLookup;
import org.facteur.mailserver.imap.SpecialUseMailboxTyper;
import org.facteur.mailserver.queue.FileQueueModule;
import org.facteur.mailserver.queue.LegacyQueueDrain;
import org.facteur.mailserver.queue.RemovedQueues;
import org.facteur.mailserver.events.ConcurrentEventBus;
import org.facteur.mailserver.events.EventRelay;
import org.facteur.mailserver.events.InstallationId;
import org.facteur.mailserver.events.RabbitMqEventRelay;
import org.facteur.mailserver.search.SearchModule;
import org.facteur.mailserver.spam.SpamModule;
import org.facteur.mailserver.smtp.SmtpGuardModule;
import org.facteur.mailserver.srs.SrsAddresses;
import org.facteur.mailserver.srs.SrsModule;
import org.facteur.mailserver.srs.SrsSecret;
import org.facteur.mailserver.store.blob.BlobStore;
import org.facteur.mailserver.store.blob.FileBlobStore;
import org.facteur.mailserver.store.blob.SqlBlobStore;
import org.facteur.mailserver.store.data.SqlDataModule;
import org.facteur.mailserver.store.mailbox.SqlMailboxModule;
import org.facteur.mailserver.store.sql.Database;
import org.facteur.mailserver.store.sql.SqlEngine;
import org.facteur.mailserver.tls.TlsIdentity;
import org.facteur.pgp.OpenPgp;
import org.facteur.pgp.mime.PgpMime;
import org.facteur.pgp.store.UserKeyStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.inject.Module;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import com.google.inject.Scopes;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.util.Modules;

/**
 * Apache James embedded in this JVM with a durable store under one data directory: Facteur's own SQL store
 * in one database (SQLite in the data directory, or PostgreSQL: mailboxes, messages, flags, quotas, users,
 * domains, aliases, mailing lists) with message bodies in a blob store (files next to SQLite, a table in
 * PostgreSQL), a Lucene search index, mail queues of one file per mail and file mail repositories.
 */
public final class FacteurMailServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FacteurMailServer.class);
    /** How long a stop waits for a cancelled backup to remove its partial directory (within systemd's 60 s). */
    private static final Duration BACKUP_CANCEL_WAIT = Duration.ofSeconds(20);

    private final MailServerSettings settings;
    private final GuiceJamesServer james;
    private final MailAdmin admin;
    private final TlsIdentity tls;

    private final Database database;
    /** Held from before the data directory is touched until {@link #close} ends. */
    private DataDirectoryLock lock;
    private final MailingLists lists;
    private final HeldPostExpiry heldPostExpiry;
    private final DigestSchedule digests;
    private final UserKeys userKeys;
    private final AttemptCounters loginCounters;
    private final ArchiveIndex archiveIndex;
    private final Optional<RabbitMqEventRelay> events;
    private final SnapshotTaker snapshots;

    private FacteurMailServer(MailServerSettings settings, GuiceJamesServer james, TlsIdentity tls,
                              Database database, ListService listService, ArchiveIndex archiveIndex,
                              UserKeyStore keyStore, OpenPgp pgp, DkimKeys dkim, AttemptCounters loginCounters,
                              Optional<RabbitMqEventRelay> events) {
        this.settings = settings;
        this.events = events;
        this.archiveIndex = archiveIndex;
        this.loginCounters = loginCounters;
        this.james = james;
        this.tls = tls;
        this.database = database;
        this.snapshots = new SnapshotTaker(new SnapshotWriter(settings.data(), database, Clock.systemUTC()));
        JamesServices services = james.getProbe(JamesServices.class);
        this.admin = new MailAdmin(services, address -> listService.resolve(address).isPresent(),
                settings.limits().defaultQuota(), dkim,
                new DnsRecords.Server(settings.hostname(), settings.ports().submission(), settings.ports().imaps()));
        this.digests = new DigestSchedule(listService, services.mailetContext(), Duration.ofMinutes(1));
        this.lists = new MailingLists(listService, services, digests);
        this.heldPostExpiry = new HeldPostExpiry(listService, services.mailetContext(), Duration.ofMinutes(1));
        try {
            this.userKeys = new UserKeys(keyStore, services, pgp, WebKeyDirectoryLookup.configured(
                    settings.outbound().wkdLookup(), settings.dnsServers(), settings.outbound().caFile()),
                    new WebKeyDirectoryKeys(Clock.systemUTC()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static FacteurMailServer start(MailServerSettings settings) throws Exception {
        return start(settings, new SimpleMeterRegistry());
    }

    /** Starts the server with Facteur's own meters (SMTP outcomes, deliveries) going to {@code meters}. */
    public static FacteurMailServer start(MailServerSettings settings, MeterRegistry meters) throws Exception {
        LegacyDataDirectory.refuseToStart(settings.data());
        refuseEventsWithoutSharedDatabase(settings);
        DataDirectoryLock lock = DataDirectoryLock.acquire(settings.data(), STOPPING_PROCESS_WAIT);
        try {
            FacteurMailServer server = startHolding(settings, meters);
            server.lock = lock;
            return server;
        } catch (Exception | Error e) {
            lock.close();
            throw e;
        }
    }

    /** How long a start waits for a Facteur still stopping on the same data directory. */
    private static final Duration STOPPING_PROCESS_WAIT = Duration.ofSeconds(60);

    private static FacteurMailServer startHolding(MailServerSettings settings, MeterRegistry meters) throws Exception {
        // James calls System.exit on a start-up error unless told otherwise: an embedded server must throw.
        System.setProperty("james.exit.on.startup.error", "false");
        long begin = System.nanoTime();
        Path data = settings.dataDir();
        Files.createDirectories(data);
        restrictToOwner(data);
        TlsIdentity tls = TlsIdentity.prepare(settings);
        Database database = openDatabase(settings);
        ListStore listStore;
        ArchiveIndex archiveIndex;
        try {
            ServerAddresses addresses = ServerAddresses.of(settings.hostname(), settings.postmaster(),
                    SqlDomainList.stored(database).stream().map(Domain::asString).toList());
            LOG.info("Postmaster {}, bounces from {}", addresses.postmaster(), addresses.mailerDaemon());
            JamesConfigWriter.write(settings, tls, addresses);
            LegacyQueueDrain.drain(settings.data(), Clock.systemUTC());
            java.util.Set<String> queues = new java.util.HashSet<>(JamesConfigWriter.outboundQueues(settings.outbound()));
            queues.add(org.apache.james.queue.api.MailQueueFactory.SPOOL.asString());
            RemovedQueues.reassign(settings.data().queues(), queues, JamesConfigWriter.ROUTE_PROCESSOR, Clock.systemUTC());
            restrictToOwner(settings.confDir());
            listStore = ListStores.open(database);
            // rebuilt from the database here when missing or unreadable, before any post can arrive
            archiveIndex = ArchiveIndex.open(settings.data().listArchiveIndex(), listStore.archives());
        } catch (IOException | RuntimeException e) {
            database.close();
            throw e;
        }
        ListService listService = new ListService(listStore, listSettings(settings.lists()),
                settings.limits().maxMessageSize(), Clock.systemDefaultZone(), // robot mail writes dates in the server's zone
                new ListMetrics(meters), new DnsDmarcPolicies(new DmarcRecords(new DnsjavaTxtLookup(settings.dnsServers()))),
                Optional.of(archiveIndex));
        UserKeyStore keyStore = UserKeyStores.open(database, settings.data().pgp());
        OpenPgp pgp = new OpenPgp();
        // several nodes on PostgreSQL sign with the same keys, the ones DNS publishes: keys in the shared database
        DkimKeys dkim = new DkimKeys(database.engine() == SqlEngine.SQLITE ? new FileDkimKeyStore(settings.data().dkim())
                : SqlDkimKeyStore.migrated(database, settings.data().dkim()));
        Configuration configuration = Configuration.builder()
                .workingDirectory(data.toFile())
                .build();
        Module mailboxStore;
        try {
            mailboxStore = SqlMailboxModule.on(database, blobStore(settings, database));
        } catch (IOException | RuntimeException e) {
            closeQuietly(archiveIndex);
            database.close();
            throw e;
        }
        AttemptCounters loginCounters = LoginModule.counters(settings.redis());
        Optional<RabbitMqEventRelay> events = settings.rabbitMq()
                .map(rabbit -> RabbitMqEventRelay.forInstallation(rabbit, InstallationId.of(database)));
        GuiceJamesServer james = GuiceJamesServer.forConfiguration(configuration)
                .combineWith(modules(database, mailboxStore, new FileQueueModule(settings.data().queues()),
                                spoolGuard(settings), settings.searchIndexing()), new ListsModule(listService), new PgpModule(keyStore, new PgpMime(pgp)),
                        new SrsModule(new SrsAddresses(srsSecret(settings, database), Clock.systemUTC())),
                        new LoginModule(settings.trustedProxies(), loginCounters), new DkimModule(dkim), new MetricsModule(meters),
                        InboundAuthModule.of(settings), new SpamModule(settings.rspamd()),
                        OutboundTlsModule.of(settings.dnsServers(), settings.outbound().caFile()),
                        binder -> events.ifPresent(relay -> binder.bind(EventRelay.class).toInstance(relay)))
                // James's DNS service, with FACTEUR_DNS_SERVERS (ports included) for every lookup
                .overrideWith(new DnsModule(settings.dnsServers()));
        FacteurMailServer server = null;
        try {
            james.start();
            events.ifPresent(RabbitMqEventRelay::start);
            server = new FacteurMailServer(settings, james, tls, database, listService, archiveIndex, keyStore, pgp, dkim,
                    loginCounters, events);
            // domains added before DKIM signing existed get their keys now
            server.admin().listDomains().stream().filter(d -> d.contains(".")).forEach(dkim::ensure);
        } catch (Exception | Error e) {
            // nothing of it may keep running: the caller releases the data directory's lock next
            if (server != null) {
                server.close();
            } else {
                stopQuietly(james);
                events.ifPresent(RabbitMqEventRelay::close);
                loginCounters.close();
                closeQuietly(archiveIndex);
                database.close();
            }
            throw e;
        }
        LOG.info("Mail server started in {} ms (data in {})", Duration.ofNanos(System.nanoTime() - begin).toMillis(), data);
        return server;
    }

    /**
     * The relay of mailbox events between the nodes sharing a PostgreSQL database, when {@code FACTEUR_RABBITMQ_URI} is
     * set. Refused with the embedded database: another node's mailbox numbers would name other mailboxes here.
     */
    private static void refuseEventsWithoutSharedDatabase(MailServerSettings settings) {
        if (settings.rabbitMq().isPresent() && settings.database().url().isEmpty()) {
            throw new IllegalArgumentException("FACTEUR_RABBITMQ_URI is for several nodes sharing one PostgreSQL database"
                    + " (FACTEUR_DATABASE_URL); this node keeps its mail in its own SQLite file, so leave it empty");
        }
    }

    /** One SRS key for all the nodes sharing a PostgreSQL database, else this data directory's. */
    private static byte[] srsSecret(MailServerSettings settings, Database database) throws IOException {
        return database.engine() == SqlEngine.SQLITE ? SrsSecret.loadOrCreate(settings.data().srs())
                : SrsSecret.shared(database, settings.data().srs());
    }

    /**
     * How soon a list created or removed through another node sharing the database is known here (members are read
     * from the database at each distribution, so their changes count at once); as the domain cache (domainlist.xml).
     */
    static final Duration LIST_DIRECTORY_REFRESH = Duration.ofSeconds(1);

    private static ListSettings listSettings(MailServerSettings.Lists lists) {
        return new ListSettings(lists.robotLocalPart(), lists.defaultLanguage(), lists.confirmationTtl(), lists.heldPostTtl(),
                LIST_DIRECTORY_REFRESH, lists.recipientsPerMessage(), lists.robotLimits(), lists.publicUrl(), lists.digests(),
                lists.bounces());
    }

    /**
     * Facteur's one database, with the schema of every part that lives in it brought up to date: the data
     * part here (users, domains, aliases), the mailbox part when its module is made, the lists part when the
     * list store opens.
     */
    static Database openDatabase(MailServerSettings settings) throws IOException {
        if (settings.database().url().isEmpty()) {
            Files.createDirectories(settings.data().database().getParent());
        }
        Database database = Database.open(settings.databaseSettings());
        try {
            SqlDataModule.migrate(database);
            return database;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /**
     * Where message bodies go: files under the data directory next to the embedded SQLite database, the
     * database itself when it is PostgreSQL (so that every node sharing it sees the same bodies).
     */
    static BlobStore blobStore(MailServerSettings settings, Database database) throws IOException {
        return blobStore(settings.data(), database);
    }

    /** The blob store of {@link #blobStore(MailServerSettings, Database)}, for tools that convert a data directory. */
    public static BlobStore blobStore(DataDirectory data, Database database) throws IOException {
        return database.engine() == SqlEngine.SQLITE ? new FileBlobStore(data.blobs()) : SqlBlobStore.migrated(database);
    }

    /**
     * The MIME limits (IMAP APPEND reads them here; SMTP from smtpserver.xml) and the bound on time per spooled mail;
     * the spooler counts as stuck one minute after that bound.
     */
    static Module spoolGuard(MailServerSettings settings) {
        Duration timeout = settings.limits().mailProcessingTimeout();
        return Modules.combine(
                new SpoolGuardModule(new SpoolProgress(Clock.systemUTC(), timeout.plus(Duration.ofMinutes(1))), timeout),
                binder -> binder.bind(MimeLimits.class).toInstance(settings.limits().mime()));
    }

    static Module modules(Database database, Module mailboxStore, Module queues, Module spoolGuard, boolean searchIndexing) {
        Module server = Modules.combine(
                new MailetProcessingModule(),
                new NaiveDelegationStoreModule(),
                mailboxStore,
                new SqlDataModule(database),
                new MailboxModule(),
                new DefaultEventModule(),
                new MemoryDeadLetterModule(),
                new SearchModule(searchIndexing),
                queues,
                new RawPostDequeueDecoratorModule(),
                new TaskManagerModule(),
                // James's task manager asks for the task types that report details; Facteur runs none of them
                // (James's re-indexing tasks brought the only ones, and its Lucene index is gone).
                binder -> Multibinder.newSetBinder(binder, new TypeLiteral<AdditionalInformationDTOModule<
                        ? extends TaskExecutionDetails.AdditionalInformation, ? extends AdditionalInformationDTO>>() { }),
                binder -> Multibinder.newSetBinder(binder, new TypeLiteral<TaskDTOModule<? extends Task, ? extends TaskDTO>>() { }),
                new ProtocolHandlerModule(),
                new SMTPServerModule(),
                new IMAPServerModule(),
                binder -> binder.bind(MailetContainerModule.DefaultProcessorsConfigurationSupplier.class)
                        .toInstance(BaseHierarchicalConfiguration::new),
                binder -> Multibinder.newSetBinder(binder, GuiceProbe.class).addBinding().to(JamesServices.class),
                binder -> Multibinder.newSetBinder(binder, GuiceProbe.class).addBinding().to(JamesMetrics.class),
                binder -> Multibinder.newSetBinder(binder, GuiceProbe.class).addBinding().to(ProtocolServers.class));
        return Modules.override(server).with(
                binder -> binder.bind(MailboxTyper.class).to(SpecialUseMailboxTyper.class),
                binder -> binder.bind(EventBus.class).to(ConcurrentEventBus.class).in(Scopes.SINGLETON),
                new ImapGuardModule(),
                new SmtpGuardModule(),
                spoolGuard);
    }

    /**
     * Waits until the search index has caught up with every mailbox (search is exact before that too, only slower);
     * false when {@code timeout} passed first.
     */
    public boolean awaitSearchIndex(Duration timeout) {
        return james.getProbe(JamesServices.class).searchIndex().awaitIdle(timeout.toMillis());
    }

    /**
     * The messages of the member {@code address}'s own mailboxes that best match {@code words}, best first, at most
     * {@code limit}: ranked with English and French stems, not IMAP SEARCH (see docs/search.md, "Best matches").
     */
    public java.util.List<org.facteur.mailserver.search.BestMatch> bestMatches(String address, String words, int limit) {
        try {
            return james.getProbe(JamesServices.class).searchIndex()
                    .bestMatches(org.apache.james.core.Username.of(address), words, limit);
        } catch (org.apache.james.mailbox.exception.MailboxException e) {
            throw new IllegalStateException("Best matches could not be read: " + e.getMessage(), e);
        }
    }

    /** James's own meters, in the Dropwizard registry James keeps them in. */
    public com.codahale.metrics.MetricRegistry jamesMetrics() {
        return james.getProbe(JamesMetrics.class).registry();
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

    /**
     * Takes a consistent, verified snapshot of the data directory into a new directory under {@code into} while mail
     * keeps flowing (see {@link SnapshotWriter}); one at a time. {@link #close} cancels one being taken
     * ({@link org.facteur.mailserver.backup.SnapshotCancelledException}).
     */
    public Snapshot backup(Path into) throws IOException {
        return snapshots.take(into);
    }

    /**
     * Cancels a backup being taken and every later one, and returns once it has removed its partial directory (up to
     * 20 s): for a stop, so that the HTTP request that asked for it answers before its listener closes.
     */
    public void cancelBackups() {
        snapshots.cancel(BACKUP_CANCEL_WAIT);
    }

    /** Whether {@link #cancelBackups} was called (the server is stopping). */
    public boolean backupsCancelled() {
        return snapshots.cancelled();
    }

    /**
     * The database this server keeps its mail in (SQLite or the PostgreSQL several nodes share), for the parts of
     * Facteur outside James that keep their data beside it (the webmail's settings and address books).
     */
    public Database database() {
        return database;
    }

    public TlsIdentity tls() {
        return tls;
    }

    /**
     * Sends a notice from the server itself ({@code MAILER-DAEMON@} the hostname, null envelope sender, so nothing
     * bounces back) to the postmaster, through the spool like any mail: it is delivered, aliased or relayed as mail to
     * the postmaster always is.
     */
    public void mailPostmaster(String subject, String text) throws javax.mail.MessagingException {
        org.apache.mailet.MailetContext context = james.getProbe(JamesServices.class).mailetContext();
        javax.mail.internet.MimeMessage notice = new javax.mail.internet.MimeMessage(
                javax.mail.Session.getInstance(new java.util.Properties()));
        notice.setFrom(new javax.mail.internet.InternetAddress("Facteur <MAILER-DAEMON@" + settings.hostname() + ">"));
        notice.setRecipients(javax.mail.Message.RecipientType.TO, context.getPostmaster().asString());
        notice.setSubject(subject, "UTF-8");
        notice.setSentDate(new java.util.Date());
        notice.setText(text, "UTF-8");
        notice.saveChanges();
        context.sendMail(org.apache.james.server.core.MailImpl.builder()
                .name("facteur-notice-" + java.util.UUID.randomUUID())
                .sender(org.apache.james.core.MaybeSender.nullSender())
                .addRecipient(context.getPostmaster())
                .mimeMessage(notice)
                .build());
    }

    /**
     * Readiness of each part: SMTP and IMAP listeners accept connections, the store answers, the spooler moves (mails
     * waiting or in processing and none began or ended for a minute past the processing bound: stuck).
     */
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
        Optional<String> stall = james.getProbe(SpoolWatch.class).stall();
        stall.ifPresent(why -> LOG.warn("Health: {}", why));
        parts.put("spooler", stall.isEmpty());
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
        try {
            cancelBackups(); // before the store a backup reads closes
            heldPostExpiry.close();
            digests.close();
            events.ifPresent(RabbitMqEventRelay::stopReceiving); // no other node's news into mailboxes that are closing
            stopQuietly(james);
            events.ifPresent(RabbitMqEventRelay::close);
            loginCounters.close();
            closeQuietly(archiveIndex); // after James: no post is being archived any more
            database.close();
        } finally {
            DataDirectoryLock held = lock;
            lock = null;
            if (held != null) {
                held.close(); // last: another Facteur may take the directory now
            }
        }
    }

    private static void closeQuietly(ArchiveIndex index) {
        try {
            index.close();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Error while closing the list archive index", e);
        }
    }

    private static boolean stopQuietly(GuiceJamesServer james) {
        try {
            james.getProbe(ProtocolServers.class).unbindAll(); // at once: James would close them one by one, 2 s each
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) { // James did not get far enough to have them (a failed start)
            LOG.debug("SMTP and IMAP listeners left to James's stop: {}", e.toString());
        }
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
