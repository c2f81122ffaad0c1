package org.facteur.mailserver.backup;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * Runs one long SQL statement so that an interrupt of the calling thread cancels it: a statement running in the
 * driver's native code (SQLite's {@code VACUUM INTO} of a large database) does not see {@link Thread#interrupt}, so
 * a stop used to wait for the whole copy or give up waiting. A watcher notices the interrupt and calls
 * {@link Statement#cancel()} (for SQLite, {@code sqlite3_interrupt} on that connection); the statement then fails and
 * the caller, whose interrupt flag is still set, turns that failure into the cancellation. The watcher stops before
 * {@link #execute} returns, so it never reaches the connection once it can go back to the pool; an interrupt that
 * lands between the statement's end and that moment finds no statement running, which SQLite ignores.
 */
final class CancelOnInterrupt {
    /** How often the watcher looks at the caller's interrupt flag. */
    private static final long POLL_MILLIS = 50;

    private CancelOnInterrupt() {
    }

    static void execute(Statement statement, String sql) throws SQLException {
        Thread caller = Thread.currentThread();
        Object lock = new Object();
        boolean[] done = {false};
        Thread watcher = Thread.ofVirtual().name("sql-cancel-on-interrupt").start(() -> {
            try {
                while (true) {
                    synchronized (lock) {
                        if (done[0]) {
                            return;
                        }
                        if (caller.isInterrupted()) {
                            statement.cancel(); // again at each look: one made before the statement began does nothing
                        }
                    }
                    Thread.sleep(POLL_MILLIS);
                }
            } catch (InterruptedException | SQLException e) {
                // ended by the caller, or the driver could not cancel: the statement runs to its end
            }
        });
        try {
            statement.execute(sql);
        } finally {
            synchronized (lock) {
                done[0] = true;
            }
            watcher.interrupt();
        }
    }
}
