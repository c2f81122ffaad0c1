package org.facteur.mailserver.store.data;

import java.util.stream.Stream;

import javax.inject.Inject;

import org.apache.james.mailrepository.api.MailRepositoryUrl;
import org.apache.james.mailrepository.api.MailRepositoryUrlStore;
import org.facteur.mailserver.store.sql.Database;
import org.facteur.mailserver.store.sql.Jdbc;

/**
 * The mail repositories James has opened (error, refused and over-quota mail, each a {@code file://} URL),
 * in table {@code mail_repository_urls}, so that James knows them again after a restart.
 */
public final class SqlMailRepositoryUrlStore implements MailRepositoryUrlStore {
    private final Database database;

    @Inject
    public SqlMailRepositoryUrlStore(Database database) {
        this.database = database;
    }

    @Override
    public void add(MailRepositoryUrl url) {
        database.inTransaction(c -> Jdbc.update(c,
                "INSERT INTO mail_repository_urls (url) VALUES (?) ON CONFLICT (url) DO NOTHING", url.asString()));
    }

    @Override
    public Stream<MailRepositoryUrl> listDistinct() {
        return database.read(c -> Jdbc.list(c, "SELECT url FROM mail_repository_urls ORDER BY url",
                rs -> MailRepositoryUrl.from(rs.getString(1)))).stream();
    }

    @Override
    public boolean contains(MailRepositoryUrl url) {
        return database.read(c -> Jdbc.one(c, "SELECT 1 FROM mail_repository_urls WHERE url = ?", rs -> true,
                url.asString())).isPresent();
    }
}
