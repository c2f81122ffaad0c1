package org.facteur.mailserver.queue;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.time.Clock;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mail left in an outbound queue that the configuration no longer has (a relay route removed, a smarthost set up
 * while mail waited for MTA-STS delivery, routes of a release that named their queues by position) would wait there
 * forever: no consumer reads it. At start, before James, each such queue's mail moves into the queue the caller
 * names for it (the default outbound queue unless said otherwise), after the mail already waiting there, due at
 * once, with the rest of its envelope (RemoteDelivery's retry count among its attributes) unchanged: it was fully
 * processed, only its next hop is chosen again. Only outbound queues (named {@code outgoing…}) are moved; any other unknown queue directory is left
 * as it is and logged, since its mail may not have been processed yet.
 */
public final class RemovedQueues {
    private static final Logger LOG = LoggerFactory.getLogger(RemovedQueues.class);
    private static final String OUTBOUND_PREFIX = "outgoing";

    private RemovedQueues() {
    }

    /**
     * @param root       the queues' directory ({@code DataDirectory.queues()})
     * @param configured every queue name the configuration reads
     * @param targetOf   for a queue name no longer configured, the configured queue its mail goes to
     * @param clock      the time the moved mail becomes due
     * @return how many mails moved
     */
    public static int reassign(Path root, Set<String> configured, UnaryOperator<String> targetOf, Clock clock)
            throws IOException {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        List<Path> removed = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path dir : dirs) {
                if (!configured.contains(nameOf(dir))) {
                    removed.add(dir);
                }
            }
        }
        int moved = 0;
        for (Path dir : removed) {
            String name = nameOf(dir);
            List<Path> mails = mails(dir);
            if (!name.startsWith(OUTBOUND_PREFIX)) {
                if (!mails.isEmpty()) {
                    LOG.warn("Mail queue directory {} holds {} mail(s) that no queue of this configuration reads; left as"
                            + " they are", dir, mails.size());
                }
                continue;
            }
            String target = targetOf.apply(name);
            if (!configured.contains(target)) {
                throw new IllegalArgumentException("the queue for mail of " + name + " is not configured: " + target);
            }
            if (!mails.isEmpty()) {
                Path targetDir = Files.createDirectories(root.resolve(URLEncoder.encode(target, StandardCharsets.UTF_8)));
                long seq = highestSequence(targetDir);
                long now = clock.millis();
                for (Path mail : mails) {
                    moveDueNow(mail, targetDir, String.format("%019d%s", ++seq, FileMailQueue.SUFFIX), now);
                }
                moved += mails.size();
                LOG.warn("Mail queue {} is no longer configured: its {} waiting mail(s) moved to queue {}", name,
                        mails.size(), target);
            }
            removeIfEmpty(dir);
        }
        return moved;
    }

    /**
     * Writes the mail into the target directory due now (its next hop changed: no reason to wait out the old one's
     * retry delay), durably (temporary name, forced, renamed, directory forced), then deletes the old file. A crash
     * between the two leaves it in both: delivered twice rather than never. A file that is not a queued mail moves as
     * it is; the target queue sets it aside when it opens.
     */
    private static void moveDueNow(Path mail, Path targetDir, String fileName, long now) throws IOException {
        byte[] bytes;
        try {
            bytes = QueuedMailFormat.withDue(Files.readAllBytes(mail), now);
        } catch (QueuedMailFormat.NotAQueuedMail e) {
            Files.move(mail, targetDir.resolve(fileName), StandardCopyOption.ATOMIC_MOVE);
            forceDirectory(targetDir);
            return;
        }
        Path temp = targetDir.resolve(FileMailQueue.TEMP_PREFIX + fileName);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(temp, targetDir.resolve(fileName), StandardCopyOption.ATOMIC_MOVE);
        forceDirectory(targetDir);
        Files.delete(mail);
    }

    private static String nameOf(Path dir) {
        return URLDecoder.decode(dir.getFileName().toString(), StandardCharsets.UTF_8);
    }

    /** The queued mails of a directory in their order; files never renamed into place are dropped, as at recovery. */
    private static List<Path> mails(Path dir) throws IOException {
        List<Path> mails = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, Files::isRegularFile)) {
            for (Path file : files) {
                String fileName = file.getFileName().toString();
                if (fileName.startsWith(FileMailQueue.TEMP_PREFIX)) {
                    Files.deleteIfExists(file);
                } else if (fileName.endsWith(FileMailQueue.SUFFIX)) {
                    mails.add(file);
                }
            }
        }
        mails.sort(null); // zero-padded sequence numbers: the order they were queued in
        return mails;
    }

    private static long highestSequence(Path dir) throws IOException {
        long highest = 0;
        for (Path file : mails(dir)) {
            String fileName = file.getFileName().toString();
            try {
                highest = Math.max(highest, Long.parseLong(fileName.substring(0, fileName.length() - FileMailQueue.SUFFIX.length())));
            } catch (NumberFormatException e) {
                // not named by the queue: the queue sets it aside when it opens
            }
        }
        return highest;
    }

    private static void forceDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static void removeIfEmpty(Path dir) throws IOException {
        try (DirectoryStream<Path> left = Files.newDirectoryStream(dir)) {
            if (left.iterator().hasNext()) {
                LOG.warn("Mail queue directory {} is no longer read and keeps files that are not waiting mail"
                        + " (unreadable/): left in place", dir);
                return;
            }
        }
        Files.delete(dir);
    }
}
