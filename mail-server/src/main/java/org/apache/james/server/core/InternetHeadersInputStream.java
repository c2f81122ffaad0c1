package org.apache.james.server.core;

import java.io.InputStream;
import java.util.Enumeration;

import javax.mail.internet.InternetHeaders;

import org.facteur.mailserver.mime.HeaderBytes;

/**
 * Facteur's replacement for James 3.8.1's class of the same name, which writes a message's header lines back to
 * bytes whenever a mailet has changed a header (every delivered message: Delivered-To, Return-Path). James's
 * encodes them as US-ASCII, so every byte of a raw UTF-8 header (RFC 6532, or an old client's Latin-1) became
 * {@code ?}: {@code Subject: Réunion} was stored as {@code Subject: R??union} (#15.2).
 * <p>
 * javax.mail reads header bytes as one char per byte (ISO-8859-1) unless {@code mail.mime.allowutf8} is set, which
 * Facteur never sets: {@link HeaderBytes} gives back exactly the bytes received.
 * <p>
 * It shadows James's class: Facteur's module comes before James's jars on every class path (tests, and the
 * packaged jar's {@code classpath.idx}, which {@code PackagedJarIT} checks).
 */
public class InternetHeadersInputStream extends InputStream {
    private final Enumeration<String> headerLines;
    private byte[] line;
    private int pos;

    public InternetHeadersInputStream(InternetHeaders headers) {
        this(headers.getAllHeaderLines());
    }

    public InternetHeadersInputStream(Enumeration<String> headerLines) {
        this.headerLines = headerLines;
    }

    @Override
    public int read() {
        if ((line == null || pos == line.length) && !nextLine()) {
            return -1;
        }
        return line[pos++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if ((line == null || pos == line.length) && !nextLine()) {
            return -1;
        }
        int n = Math.min(len, line.length - pos);
        System.arraycopy(line, pos, b, off, n);
        pos += n;
        return n;
    }

    private boolean nextLine() {
        if (!headerLines.hasMoreElements()) {
            return false;
        }
        String text = headerLines.nextElement() + "\r\n";
        if (!headerLines.hasMoreElements()) {
            text += "\r\n"; // the empty line that ends the header
        }
        line = HeaderBytes.of(text);
        pos = 0;
        return true;
    }

    @Override
    public void close() {
        line = null;
    }
}
