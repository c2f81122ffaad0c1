package org.facteur.app.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.facteur.mailserver.backup.SnapshotCancelledException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a snapshot off-site with restic (Debian package {@code restic}: encrypted, deduplicated, so a daily snapshot
 * costs only what changed): initialises the repository the first time, then {@code restic backup} with the tag
 * {@code facteur}. The password goes to restic in its environment, never on a command line or in a log.
 */
public final class ResticCopy {
    private static final Logger LOG = LoggerFactory.getLogger(ResticCopy.class);
    private static final Pattern SNAPSHOT_ID = Pattern.compile("\"snapshot_id\"\\s*:\\s*\"([0-9a-f]+)\"");

    private final BackupProperties settings;
    private final String restic;

    /** Whether a repository is set, so that snapshots are copied off-site. */
    public boolean configured() {
        return settings.offsite();
    }

    public ResticCopy(BackupProperties settings) {
        this(settings, "restic");
    }

    ResticCopy(BackupProperties settings, String restic) {
        this.settings = settings;
        this.restic = restic;
    }

    /** The outcome of a copy: the restic snapshot's id, or why it failed. */
    public record Outcome(boolean copied, String detail) {
    }

    /**
     * Throws {@link SnapshotCancelledException} when Facteur stops during the copy (restic is then killed, or was
     * signalled with Facteur): the snapshot stays, the copy is not a failure.
     */
    public Outcome copy(Path snapshot) throws SnapshotCancelledException {
        if ((settings.password() == null || settings.password().isEmpty()) && settings.passwordFile() == null) {
            return new Outcome(false, "FACTEUR_BACKUP_REPOSITORY is set but neither FACTEUR_BACKUP_PASSWORD nor"
                    + " FACTEUR_BACKUP_PASSWORD_FILE is: restic needs the repository's password.");
        }
        if (settings.passwordFile() != null && !Files.isReadable(settings.passwordFile())) {
            return new Outcome(false, "The restic password file " + settings.passwordFile() + " cannot be read.");
        }
        try {
            Run config = unlessStopped(run(List.of("cat", "config")), snapshot);
            if (config.exit() != 0) {
                if (!config.output().contains("Is there a repository at the following location")) {
                    return new Outcome(false, "restic cannot open " + settings.repository() + ": " + lastLine(config.output()));
                }
                Run init = unlessStopped(run(List.of("init")), snapshot);
                if (init.exit() != 0) {
                    return new Outcome(false, "restic could not create a repository at " + settings.repository() + ": "
                            + lastLine(init.output()));
                }
                LOG.info("Created the restic repository {}", settings.repository());
            }
            Run backup = unlessStopped(run(List.of("backup", "--json", "--tag", "facteur", snapshot.toString())), snapshot);
            Matcher id = SNAPSHOT_ID.matcher(backup.output());
            if (backup.exit() != 0 || !id.find()) {
                return new Outcome(false, "restic backup failed: " + lastLine(backup.output()));
            }
            LOG.info("Snapshot {} copied to the restic repository {} as {}", snapshot, settings.repository(), id.group(1));
            return new Outcome(true, id.group(1));
        } catch (SnapshotCancelledException e) {
            throw e;
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) { // an interrupted read of its output: the stop, not restic
                throw cancelled(snapshot);
            }
            return new Outcome(false, "restic could not be run (install the Debian package restic): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw cancelled(snapshot);
        }
    }

    /** {@code run}, unless restic was ended by SIGINT with Facteur ({@link SnapshotCancelledException#stoppedBySignal}). */
    private static Run unlessStopped(Run run, Path snapshot) throws SnapshotCancelledException {
        if (SnapshotCancelledException.stoppedBySignal(run.exit())) {
            throw cancelled(snapshot);
        }
        return run;
    }

    static SnapshotCancelledException cancelled(Path snapshot) {
        return new SnapshotCancelledException("The off-site copy was cancelled because Facteur is stopping; the snapshot "
                + snapshot + " was written and verified, and stays.");
    }

    private record Run(int exit, String output) {
    }

    private Run run(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(restic));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("RESTIC_REPOSITORY", settings.repository());
        env.remove("RESTIC_PASSWORD");
        env.remove("RESTIC_PASSWORD_FILE");
        if (settings.passwordFile() != null) {
            env.put("RESTIC_PASSWORD_FILE", settings.passwordFile().toString());
        } else {
            env.put("RESTIC_PASSWORD", settings.password());
        }
        Path output = Files.createTempFile("facteur-restic", ".out");
        try {
            pb.redirectOutput(output.toFile());
            Process p = pb.start();
            p.getOutputStream().close();
            try {
                if (!p.waitFor(12, TimeUnit.HOURS)) {
                    p.destroyForcibly();
                    return new Run(-1, "restic did not finish within 12 hours");
                }
            } catch (InterruptedException e) {
                stop(p); // a stop: restic must not go on writing to the repository on its own
                throw e;
            }
            return new Run(p.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** SIGTERM first, so that restic removes its lock from the repository; SIGKILL if it has not ended 5 s later. */
    private static void stop(Process restic) {
        restic.destroy();
        try {
            if (!restic.waitFor(5, TimeUnit.SECONDS)) {
                restic.destroyForcibly();
            }
        } catch (InterruptedException e) {
            restic.destroyForcibly();
        }
    }

    private static String lastLine(String output) {
        List<String> lines = output.strip().lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "no output" : lines.get(lines.size() - 1);
    }
}
