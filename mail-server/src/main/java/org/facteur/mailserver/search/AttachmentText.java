package org.facteur.mailserver.search;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The searchable text of a PDF (Apache PDFBox) or office attachment (OOXML and ODF, read as zipped XML by
 * {@link OfficeText}), bounded: at most {@link #MAX_INPUT} bytes of input, {@link #MAX_TEXT} characters of text, and
 * {@link #MAX_TIME} per attachment (counted from the call, waiting for a thread included), run on a small
 * pool of its own threads and abandoned on timeout (the extraction
 * also checks the deadline in its loops, so an abandoned one ends soon). An encrypted, broken, too large or too slow
 * file gives no text (logged at debug level); nothing it meets is thrown to the caller.
 */
final class AttachmentText {
    private static final Logger LOG = LoggerFactory.getLogger(AttachmentText.class);
    /** Bytes of one attachment read at most (decoded): a larger one is not extracted. */
    static final int MAX_INPUT = 20 * 1024 * 1024;
    /** Characters of text kept per attachment. */
    static final int MAX_TEXT = 1024 * 1024;
    /** Time given to one attachment. */
    static final Duration MAX_TIME = Duration.ofSeconds(5);
    /** Attachments extracted at once (the indexer is one thread; searches reading unindexed messages add to it). */
    private static final int THREADS = 2;

    /** Extractions waiting for a thread at most; beyond, an attachment is skipped. */
    private static final int WAITING = 64;

    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();
    private static final ThreadPoolExecutor POOL = pool();

    private static ThreadPoolExecutor pool() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(WAITING), r -> {
                    Thread t = new Thread(r, "attachment-text-" + THREAD_NUMBER.incrementAndGet());
                    t.setDaemon(true);
                    t.setPriority(Thread.NORM_PRIORITY - 1);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** The formats read. */
    enum Kind { PDF, OFFICE }

    private AttachmentText() {
    }

    /**
     * The kind of document a part holds, from its MIME type and file name (PDF also by its magic bytes when the type
     * says nothing, as {@code application/octet-stream}); empty for anything else.
     */
    static Optional<Kind> kind(String mimeType, String fileName) {
        String type = mimeType == null ? "" : mimeType.toLowerCase(Locale.ROOT);
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT).trim();
        if (type.equals("application/pdf") || type.equals("application/x-pdf") || name.endsWith(".pdf")) {
            return Optional.of(Kind.PDF);
        }
        if (type.startsWith("application/vnd.openxmlformats-officedocument.")
                || type.startsWith("application/vnd.oasis.opendocument.")
                || name.endsWith(".docx") || name.endsWith(".xlsx") || name.endsWith(".pptx")
                || name.endsWith(".odt") || name.endsWith(".ods") || name.endsWith(".odp")) {
            return Optional.of(Kind.OFFICE);
        }
        if (type.equals("application/octet-stream") || type.isEmpty()) {
            return Optional.of(Kind.PDF).filter(k -> name.isEmpty() || !name.contains(".")); // confirmed by magic
        }
        return Optional.empty();
    }

    /**
     * The text of one attachment of this kind, read from {@code content} (at most {@link #MAX_INPUT} bytes), at most
     * {@code maxChars} characters and {@link #MAX_TIME}; empty when there is none to be had.
     */
    static String extract(Kind kind, InputStream content, int maxChars) {
        return extract(kind, content, maxChars, MAX_TIME);
    }

    /** As {@link #extract(Kind, InputStream, int)}, within {@code time} (at most {@link #MAX_TIME}). */
    static String extract(Kind kind, InputStream content, int maxChars, Duration time) {
        int max = Math.min(maxChars, MAX_TEXT);
        if (max <= 0) {
            return "";
        }
        byte[] bytes;
        try {
            bytes = readAtMost(content, MAX_INPUT);
        } catch (IOException e) {
            LOG.debug("Attachment not extracted: it could not be read", e);
            return "";
        }
        if (bytes == null) {
            LOG.debug("Attachment not extracted: larger than {} bytes", MAX_INPUT);
            return "";
        }
        if (!magic(kind, bytes)) {
            LOG.debug("Attachment not extracted: not a {} file", kind);
            return "";
        }
        return extract(kind, bytes, max, time.compareTo(MAX_TIME) < 0 ? time : MAX_TIME);
    }

    /** As {@link #extract(Kind, InputStream, int)}, from the bytes, within {@code time}. */
    static String extract(Kind kind, byte[] bytes, int maxChars, Duration time) {
        long deadline = System.nanoTime() + time.toNanos();
        Future<String> task;
        try {
            task = POOL.submit(() -> switch (kind) {
                case PDF -> PdfText.extract(bytes, maxChars, deadline);
                case OFFICE -> OfficeText.extract(bytes, maxChars, deadline);
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("Attachment not extracted: {} extractions already waiting", WAITING);
            return "";
        }
        try {
            return task.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            task.cancel(true);
            LOG.debug("Attachment not extracted: {} took longer than {}", kind, time);
            return "";
        } catch (ExecutionException e) {
            LOG.debug("Attachment not extracted: {} is encrypted, broken or out of bounds", kind, e.getCause());
            return "";
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** Cheap check of the first bytes: {@code %PDF-} within the first KiB (as readers allow), or a zip's {@code PK}. */
    static boolean magic(Kind kind, byte[] b) {
        return switch (kind) {
            case PDF -> indexOf(b, "%PDF-".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 1024) >= 0;
            case OFFICE -> b.length >= 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4;
        };
    }

    private static int indexOf(byte[] b, byte[] what, int within) {
        int end = Math.min(b.length - what.length, within);
        outer:
        for (int i = 0; i <= end; i++) {
            for (int j = 0; j < what.length; j++) {
                if (b[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** All of {@code in}, or null when it holds more than {@code max} bytes. */
    static byte[] readAtMost(InputStream in, int max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[16384];
        int n;
        while ((n = in.read(buf)) > 0) {
            if (out.size() + n > max) {
                return null;
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    /** Thrown inside an extraction when it passed its deadline or its text bound: it ends it. */
    static final class Stop extends IOException {
        Stop(String why) {
            super(why);
        }
    }

    /** Throws {@link Stop} once {@code deadline} (a {@link System#nanoTime()}) passed or the thread was interrupted. */
    static void check(long deadline) throws Stop {
        if (System.nanoTime() - deadline > 0 || Thread.currentThread().isInterrupted()) {
            throw new Stop("deadline passed");
        }
    }
}
