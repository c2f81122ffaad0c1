package org.apache.james.imap.processor.fetch;

import java.util.List;

import org.apache.james.mailbox.model.Header;
import org.facteur.mailserver.mime.PartHeader;

/**
 * Facteur's replacement for James 3.8.1's class of the same name: {@code BODY[HEADER.FIELDS (…)]},
 * {@code HEADER.FIELDS.NOT} and a part's {@code HEADER}. James's sent a header without fields as the empty line, or
 * as nothing when James found the body empty; for a part James looks at the part's body only when the same FETCH
 * also asks for the whole part, so {@code BODY[1.HEADER]} alone and next to {@code BODY[1]} differed (#15). A part's
 * header now comes as a {@link PartHeader} that says itself whether there is one: the empty line when it has no field
 * (Dovecot's answer), nothing when the part does not exist or is not a message. The whole message's header is sent
 * as James sent it. Shadows James's class (Facteur's module comes first on the class path, which
 * {@code PackagedJarIT} checks).
 */
public class HeaderBodyElement extends MimeBodyElement {
    public HeaderBodyElement(String name, List<Header> headers) {
        super(name, headers);
    }

    /** What James calls when the body is empty: a header without fields is then nothing, unless it is a part's. */
    public void noBody() {
        if (headers.isEmpty() && !(headers instanceof PartHeader)) {
            size = 0;
        }
    }

    @Override
    protected long calculateSize(List<Header> fields) {
        return fields.isEmpty() && !(fields instanceof PartHeader) ? 2 : super.calculateSize(fields);
    }
}
