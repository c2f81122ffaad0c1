package org.facteur.app;

import java.util.Arrays;

import org.facteur.app.cli.AdminCli;

/**
 * Entry point of the Facteur jar: {@code admin ...} runs the administration client against the
 * running server; anything else starts the server.
 */
public final class FacteurMain {
    private FacteurMain() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("admin")) {
            System.exit(new AdminCli(System.out, System.err, System.getenv())
                    .run(Arrays.copyOfRange(args, 1, args.length)));
        }
        FacteurApplication.run(args);
    }
}
