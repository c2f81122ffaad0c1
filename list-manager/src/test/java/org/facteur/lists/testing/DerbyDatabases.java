package org.facteur.lists.testing;

import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.apache.derby.jdbc.EmbeddedDataSource;

/** Fresh in-memory Derby databases, the embedded store's engine without touching the disk. */
public final class DerbyDatabases {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private DerbyDatabases() {
    }

    public static DataSource newInMemory() {
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName("memory:lists" + COUNTER.incrementAndGet() + "-" + ProcessHandle.current().pid());
        ds.setCreateDatabase("create");
        return ds;
    }
}
