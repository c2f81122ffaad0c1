package org.facteur.mailserver.queue;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.james.queue.api.MailQueueFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mail left in an outbound queue that the configuration no longer reads (a relay route removed, a smarthost set up
 * while mail waited for MTA-STS delivery, the routes of a release that numbered their queues) would wait there
 * forever: no consumer reads it. At start, before James, each such mail goes back to the spool, due at once, in the
 * state of the processor that chooses the next hop (given by the caller): the configuration's routes, MTA-STS and
 * smarthost then decide again, as for a new mail, without the mail being processed (or signed) again. The rest of
 * its envelope is unchanged, but James's RemoteDelivery starts its retry schedule again for the new next hop (it
 * resets the count of a mail not in its own {@code error} state).
 *
 * <p>Each mail moves exactly once, whatever crash interrupts it: its envelope is first rewritten in place (temporary
 * file, forced, renamed over it, directory forced; doing it twice changes nothing), then the file is renamed into
 * the spool under the next free number (atomic; both directories forced). Only outbound queues (named
 * {@code outgoing…}) move; any other unknown queue directory is left as it is and logged, since its mail may not
 * have been processed yet.
 */
public final class RemovedQueues {
    private static final Logger LOG = LoggerFactory.getLogger(RemovedQueues.class);
    private static final String OUTBOUND_PREFIX = "outgoing";

    private RemovedQueues() {
    }

    /**
     * @param root       the queues' directory ({@code DataDirectory.queues()})
     * @param configured every queue name the configuration reads
     * @param state      the processor the spool hands the moved mail to
     * @param clock      the time the moved mail becomes due
     * @return how many mails moved
     */
    public static int reassign(Path root, Set<String> configured, String state, Clock clock) throws IOException {
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
        String spool = MailQueueFactory.SPOOL.asString();
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
            if (!mails.isEmpty()) {
                Path spoolDir = Files.createDirectories(root.resolve(URLEncoder.encode(spool, StandardCharsets.UTF_8)));
                long seq = highestSequence(spoolDir);
                long now = clock.millis();
                for (Path mail : mails) {
                    rewriteInPlace(mail, state, now);
                    Files.move(mail, spoolDir.resolve(FileMailQueue.fileName(++seq)),
                            StandardCopyOption.ATOMIC_MOVE);
                }
                forceDirectory(spoolDir);
                forceDirectory(dir);
                moved += mails.size();
                LOG.warn("Mail queue {} is no longer configured: its {} waiting mail(s) go back to the spool, due now,"
                        + " to choose their next hop again", name, mails.size());
            }
            removeIfEmpty(dir);
        }
        return moved;
    }

    /**
     * Rewrites the mail's envelope in its own directory: due now, in {@code state}. A file that is not a queued mail
     * is left as it is (it moves all the same; the spool sets it aside when it opens).
     */
    private static void rewriteInPlace(Path mail, String state, long now) throws IOException {
        byte[] bytes;
        try {
            bytes = QueuedMailFormat.withStateAndDue(Files.readAllBytes(mail), state, now);
        } catch (QueuedMailFormat.NotAQueuedMail e) {
            return;
        }
        Path temp = mail.resolveSibling(FileMailQueue.TEMP_PREFIX + mail.getFileName());
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(temp, mail, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(mail.getParent());
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
            try {
                highest = Math.max(highest, FileMailQueue.sequenceOf(file.getFileName().toString()));
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
