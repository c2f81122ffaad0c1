package org.facteur.app.webmail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import org.facteur.app.mail.MailServerLifecycle;
import org.facteur.mailserver.store.sql.Database;
import org.facteur.mailserver.store.sql.SqlEngine;
import org.facteur.webmail.config.WebmailProperties;
import org.facteur.webmail.contacts.ContactStore;
import org.facteur.webmail.contacts.FileContactStore;
import org.facteur.webmail.contacts.JdbcContactStore;
import org.facteur.webmail.encryption.FilePendingRecoveryKits;
import org.facteur.webmail.encryption.JdbcPendingRecoveryKits;
import org.facteur.webmail.encryption.PendingRecoveryKits;
import org.facteur.webmail.settings.FileSettingsStore;
import org.facteur.webmail.settings.JdbcSettingsStore;
import org.facteur.webmail.settings.SettingsStore;
import org.facteur.webmail.settings.WebmailSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Where the webmail keeps members' settings, address books and recovery-kit reminders: files under {@code <data>/webmail/settings} with the
 * embedded database (one node), the database itself with PostgreSQL, so that every node sharing it shows a member the
 * same name, signature, list layout and contacts, and the same reminder to download her recovery kit. Chosen once the mail server has opened its database; members this
 * node had in files and the database does not have yet are copied in then (reminders are moved: their files go).
 */
@Component
public class WebmailStores implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(WebmailStores.class);

    private final MailServerLifecycle mail;
    private final Path files;
    private volatile SettingsStore settings;
    private volatile ContactStore contacts;
    private volatile PendingRecoveryKits reminders;

    WebmailStores(MailServerLifecycle mail, WebmailProperties webmail) {
        this.mail = mail;
        this.files = webmail.settingsDir();
    }

    @Override
    public void start() {
        Database database = mail.server().orElseThrow(() -> new IllegalStateException("the mail server is not running"))
                .database();
        FileSettingsStore settingsFiles = new FileSettingsStore(files);
        FileContactStore contactFiles = new FileContactStore(files);
        FilePendingRecoveryKits reminderFiles = new FilePendingRecoveryKits(files);
        if (database.engine() == SqlEngine.SQLITE) {
            reminders = reminderFiles;
            contacts = contactFiles;
            settings = settingsFiles;
            return;
        }
        database.migrate(WebmailSchema.PART, WebmailSchema.LOCATION);
        JdbcSettingsStore sharedSettings = new JdbcSettingsStore(database.dataSource());
        JdbcContactStore sharedContacts = new JdbcContactStore(database.dataSource());
        JdbcPendingRecoveryKits sharedReminders = new JdbcPendingRecoveryKits(database.dataSource());
        try {
            int copiedSettings = sharedSettings.copyMissing(settingsFiles);
            int copiedBooks = sharedContacts.copyMissing(contactFiles);
            int movedReminders = sharedReminders.moveIn(reminderFiles);
            if (copiedSettings + copiedBooks + movedReminders > 0) {
                LOG.info("Webmail settings of {} members, address books of {} and recovery-kit reminders of {} copied "
                        + "from {} into the database", copiedSettings, copiedBooks, movedReminders, files);
            }
        } catch (IOException e) {
            throw new IllegalStateException("The webmail settings in " + files + " could not be copied into the database: "
                    + e.getMessage(), e);
        }
        reminders = sharedReminders;
        contacts = sharedContacts;
        settings = sharedSettings;
    }

    @Override
    public void stop() {
        settings = null;
        contacts = null;
        reminders = null;
    }

    @Override
    public boolean isRunning() {
        return settings != null;
    }

    /** Right after the mail server, long before the web server. */
    @Override
    public int getPhase() {
        return MailServerLifecycle.PHASE + 1;
    }

    SettingsStore settings() throws IOException {
        SettingsStore s = settings;
        if (s == null) {
            throw new IOException("the webmail settings are not available: Facteur is starting or stopping");
        }
        return s;
    }

    PendingRecoveryKits reminders() {
        PendingRecoveryKits r = reminders;
        if (r == null) {
            throw new UncheckedIOException(new IOException("the recovery-kit reminders are not available: Facteur is "
                    + "starting or stopping"));
        }
        return r;
    }

    ContactStore contacts() throws IOException {
        ContactStore c = contacts;
        if (c == null) {
            throw new IOException("the address books are not available: Facteur is starting or stopping");
        }
        return c;
    }
}
