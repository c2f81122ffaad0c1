package org.apache.james.imap.processor.fetch;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.List;

import org.apache.james.imap.message.response.FetchResponse.BodyElement;
import org.apache.james.mailbox.model.Header;
import org.facteur.mailserver.mime.HeaderBytes;
import org.facteur.mailserver.mime.PartHeader;

/**
 * Facteur's replacement for James 3.8.1's class of the same name: the header fields of a FETCH of
 * {@code BODY[HEADER.FIELDS (…)]}, {@code BODY[HEADER.FIELDS.NOT (…)]} or {@code BODY[n.MIME]}. James's wrote each
 * field as US-ASCII, so every byte of a raw UTF-8 header (RFC 6532) came out as {@code ?}, while {@code BODY[HEADER]}
 * gave the right bytes (#15.2). The store reads header fields one char per byte, so writing each char as that byte
 * gives back exactly the stored bytes; the size is counted on those bytes. The {@code MIME} header of a part that
 * exists but has no header fields is the empty line that ends it, as Dovecot sends it (RFC 3501: the header ends
 * with the blank line); James's sent nothing, which a part that does not exist still gets ({@link PartHeader}, #15).
 * Shadows James's class (Facteur's module comes first on the class path, which {@code PackagedJarIT} checks).
 */
public class MimeBodyElement implements BodyElement {
    private final String name;
    protected final List<Header> headers;
    protected long size;

    public MimeBodyElement(String name, List<Header> headers) {
        this.name = name;
        this.headers = headers;
        this.size = calculateSize(headers);
    }

    @Override
    public String getName() {
        return name;
    }

    protected long calculateSize(List<Header> fields) {
        return hasHeader(fields) ? fieldBytes(fields).length + 2 : 0;
    }

    private static boolean hasHeader(List<Header> fields) {
        return !fields.isEmpty() || fields instanceof PartHeader part && part.exists();
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public InputStream getInputStream() {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) size);
        out.writeBytes(fieldBytes(headers));
        if (size > 0) {
            out.writeBytes(new byte[] {'\r', '\n'}); // the empty line after the fields, as James writes it
        }
        return new ByteArrayInputStream(out.toByteArray());
    }

    private static byte[] fieldBytes(List<Header> fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Header field : fields) {
            out.writeBytes(HeaderBytes.of(field.getName() + ": " + field.getValue() + "\r\n"));
        }
        return out.toByteArray();
    }
}
