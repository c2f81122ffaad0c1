package org.facteur.app.restore;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

import org.facteur.app.config.DatabaseEnvironment;
import org.facteur.mailserver.DataDirectory;
import org.facteur.mailserver.backup.SnapshotException;
import org.facteur.mailserver.backup.SnapshotRestore;

/**
 * {@code facteur restore SNAPSHOT [--data-dir DIR]}: checks every file of a snapshot against its manifest, then copies
 * it into an empty data directory ({@code --data-dir}, else {@code FACTEUR_DATA_DIR}, else {@code ./data}), with
 * Facteur stopped; a snapshot of a PostgreSQL store goes into the empty database {@code FACTEUR_DATABASE_URL} names. Exit codes: 0 restored, 1 refused (damaged snapshot, directory not empty), 2 usage.
 */
public final class RestoreCommand {
    public static final int OK = 0;
    public static final int REFUSED = 1;
    public static final int USAGE = 2;
    private static final String USAGE_TEXT = "Usage: facteur restore SNAPSHOT [--data-dir DIR]";

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    public RestoreCommand(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    public int run(String... args) {
        String dataDir = env.getOrDefault("FACTEUR_DATA_DIR", "");
        String snapshot = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--data-dir") && i + 1 < args.length) {
                dataDir = args[++i];
            } else if (args[i].equals("-h") || args[i].equals("--help")) {
                out.println(USAGE_TEXT);
                return OK;
            } else if (!args[i].startsWith("-") && snapshot == null) {
                snapshot = args[i];
            } else {
                err.println("Unexpected argument '" + args[i] + "'. " + USAGE_TEXT);
                return USAGE;
            }
        }
        if (snapshot == null) {
            err.println(USAGE_TEXT);
            return USAGE;
        }
        DataDirectory target = DataDirectory.of(Path.of(dataDir.isBlank() ? "data" : dataDir));
        try {
            out.println("Checking " + snapshot + " against its manifest, then restoring into " + target.root() + "...");
            int files = SnapshotRestore.restore(Path.of(snapshot), target, DatabaseEnvironment.settings(env, target));
            out.println("Restored " + files + " files into " + target.root()
                    + ". Start Facteur on it; the search index is rebuilt at the first start.");
            return OK;
        } catch (SnapshotException e) {
            err.println(e.getMessage());
            return REFUSED;
        } catch (IOException e) {
            err.println("The restore failed: " + e.getMessage()
                    + ". Empty " + target.root() + " before trying again.");
            return REFUSED;
        }
    }
}
