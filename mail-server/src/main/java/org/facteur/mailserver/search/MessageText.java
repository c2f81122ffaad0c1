package org.facteur.mailserver.search;

import java.util.List;
import java.util.Optional;

/**
 * What search reads of a message besides its store metadata: the top-level header fields, decoded (RFC 2047 encoded
 * words and UTF-8 raw headers) and unfolded; the text of its body (text parts decoded from their transfer encoding and
 * charset, HTML turned into text, the headers and text of attached messages); the text of its attachments and their
 * file names. Built once per message by {@link MessageTextExtractor}, kept in the index, read back by search. The body
 * and attachment text are kept {@linkplain SearchText#normalize normalised} (search is all they serve); header values
 * are kept as decoded, for sorting and address parsing.
 */
public record MessageText(List<Header> headers, String body, String attachmentText, List<String> attachmentNames,
                          boolean hasAttachment) {

    public MessageText {
        headers = List.copyOf(headers);
        attachmentNames = List.copyOf(attachmentNames);
    }

    /** One header field: its name as written and its decoded, unfolded value. */
    public record Header(String name, String value) {
    }

    /** Every value of the header fields called {@code name} (case-insensitive), in message order. */
    public List<String> values(String name) {
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).toList();
    }

    public Optional<String> first(String name) {
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).findFirst();
    }

    /** The header block as "Name: value" lines, what TEXT searches besides the body. */
    public String headerBlock() {
        StringBuilder b = new StringBuilder();
        for (Header h : headers) {
            b.append(h.name()).append(": ").append(h.value()).append('\n');
        }
        return b.toString();
    }
}
