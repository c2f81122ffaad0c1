package org.facteur.mailserver.imap.binary;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

import org.apache.james.imap.message.response.FetchResponse;

/**
 * The decoded content of a {@code BINARY[part]}: sent as a literal8 ({@code ~{n}}) when it is not text a plain
 * literal may carry: a NUL, or a CR or LF outside a CR LF pair (the rule Dovecot follows).
 */
record BinaryContent(String name, byte[] content) implements FetchResponse.BodyElement {
    @Override
    public String getName() {
        return name;
    }

    @Override
    public long size() {
        return content.length;
    }

    @Override
    public InputStream getInputStream() {
        return new ByteArrayInputStream(content);
    }

    boolean needsLiteral8() {
        for (int i = 0; i < content.length; i++) {
            byte b = content[i];
            if (b == 0) {
                return true;
            }
            if (b == '\r' && (i + 1 == content.length || content[i + 1] != '\n')) {
                return true;
            }
            if (b == '\n' && (i == 0 || content[i - 1] != '\r')) {
                return true;
            }
        }
        return false;
    }
}
