package org.facteur.app;

import java.util.Arrays;

import org.facteur.app.cli.AdminCli;
import org.facteur.app.migrate.MigrateCommand;
import org.facteur.app.restore.RestoreCommand;

/**
 * Entry point of the Facteur jar: {@code admin ...} runs the administration client against the
 * running server; {@code migrate ...} converts a data directory of release 0.1 (run through
 * {@code ./facteur migrate}, which adds Apache Derby to the class path); {@code backup ...} asks the running server for a
 * snapshot (through the admin API); {@code restore ...} restores one into an empty data directory, the server stopped;
 * anything else starts the server.
 */
public final class FacteurMain {
    private FacteurMain() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("admin")) {
            System.exit(new AdminCli(System.out, System.err, System.getenv())
                    .run(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && args[0].equals("backup")) {
            System.exit(new AdminCli(System.out, System.err, System.getenv()).run(args));
        }
        if (args.length > 0 && args[0].equals("restore")) {
            System.exit(new RestoreCommand(System.out, System.err, System.getenv())
                    .run(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && args[0].equals("migrate")) {
            System.exit(new MigrateCommand(System.out, System.err, System.getenv())
                    .run(Arrays.copyOfRange(args, 1, args.length)));
        }
        try {
            LogFormat.fromEnvironment(System.getenv("FACTEUR_LOG_FORMAT"));
            NodeName.fromEnvironment(System.getenv("FACTEUR_NODE_NAME"));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
        FacteurApplication.run(args);
    }
}
