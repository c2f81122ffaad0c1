package org.facteur.app;

import java.util.Arrays;

import org.facteur.app.cli.AdminCli;
import org.facteur.app.migrate.MigrateCommand;

/**
 * Entry point of the Facteur jar: {@code admin ...} runs the administration client against the
 * running server; {@code migrate ...} converts a data directory of release 0.1 (run through
 * {@code ./facteur migrate}, which adds Apache Derby to the class path); anything else starts the server.
 */
public final class FacteurMain {
    private FacteurMain() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("admin")) {
            System.exit(new AdminCli(System.out, System.err, System.getenv())
                    .run(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && args[0].equals("migrate")) {
            System.exit(new MigrateCommand(System.out, System.err, System.getenv())
                    .run(Arrays.copyOfRange(args, 1, args.length)));
        }
        try {
            LogFormat.fromEnvironment(System.getenv("FACTEUR_LOG_FORMAT"));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
        FacteurApplication.run(args);
    }
}
