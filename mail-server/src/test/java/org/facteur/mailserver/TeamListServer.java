package org.facteur.mailserver;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.facteur.lists.model.Preset;
import org.facteur.lists.model.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixture of list tests that post over SMTP: one embedded server per test class, with the users alice, bob and dan
 * of example.org and the list team@example.org, owned by alice (not subscribed), bob and dan subscribed.
 */
abstract class TeamListServer {
    static final String PASS = "S3cret-pass";
    static final String TEAM = "team@example.org";
    @TempDir
    static Path data;
    static MailServerSettings settings;
    static FacteurMailServer server;
    static MailClient client;

    @BeforeAll
    static void startTeamListServer() throws Exception {
        settings = TestMailServers.settings(data);
        server = TestMailServers.startWithUsers(settings, PASS, "alice", "bob", "dan");
        client = new MailClient(settings.ports());
        server.lists().create(TEAM, Preset.DISCUSSION, Locale.ENGLISH, "alice@example.org", false, List.of());
        server.lists().addMember(TEAM, "bob@example.org", "Bob", Role.SUBSCRIBER);
        server.lists().addMember(TEAM, "dan@example.org", "Dan", Role.SUBSCRIBER);
    }

    @AfterAll
    static void stopTeamListServer() {
        if (server != null) {
            server.close();
        }
    }
}
