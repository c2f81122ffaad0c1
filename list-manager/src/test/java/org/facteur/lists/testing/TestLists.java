package org.facteur.lists.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;

import org.facteur.lists.ListActivity;
import org.facteur.lists.ListService;
import org.facteur.lists.ListSettings;
import org.facteur.lists.store.JdbcListStore;
import org.facteur.lists.store.ListStore;

/**
 * A list manager on a fresh SQLite store in a temporary directory, with a clock tests move by hand and the settings application.yml ships
 * (robot limits included), answering for example.org with the robot at {@code lists@}.
 */
public record TestLists(ListStore store, ListService lists, MutableClock clock) {

    public static TestLists start() {
        return start(ZoneId.of("UTC"));
    }

    /** The server's time zone is {@code zone}: robot mail writes its dates there. */
    public static TestLists start(ZoneId zone) {
        return start(zone, ListActivity.NONE);
    }

    /** Posts' decisions are reported to {@code activity}. */
    public static TestLists start(ListActivity activity) {
        return start(ZoneId.of("UTC"), activity);
    }

    private static TestLists start(ZoneId zone, ListActivity activity) {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"), zone);
        ListStore store;
        try {
            store = new JdbcListStore(ListDatabases.sqlite(Files.createTempDirectory("facteur-lists").resolve("lists.db")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ListService lists = new ListService(store, new ListSettings("lists", Locale.ENGLISH, Duration.ofDays(7), Duration.ofDays(30),
                Duration.ofSeconds(5), 100), 100_000, clock, activity);
        return new TestLists(store, lists, clock);
    }
}
