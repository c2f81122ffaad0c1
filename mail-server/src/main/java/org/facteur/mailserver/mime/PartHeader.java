package org.facteur.mailserver.mime;

import java.util.AbstractList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Predicate;

import org.apache.james.mailbox.model.Header;

/**
 * The header fields of one body part as FETCH reads them, handed through James's store as an {@link Iterator}: every
 * section of the part that reads them ({@code HEADER}, {@code HEADER.FIELDS}, {@code HEADER.FIELDS.NOT},
 * {@code MIME}) gets them all through {@link Reader#fields()}, however many sections there are (#15). It also tells
 * a header without fields, which is the empty line that ends it, from no header at all ({@link #NONE}): a part that
 * does not exist, or the {@code HEADER} of a part that is not a message/rfc822 (Dovecot sends nothing for both).
 */
public final class PartHeader extends AbstractList<Header> {
    /** No header: that of a part that does not exist, or the {@code HEADER} of a part that is not a message. */
    public static final PartHeader NONE = new PartHeader(List.of(), false);

    private final List<Header> fields;
    private final boolean exists;

    private PartHeader(List<Header> fields, boolean exists) {
        this.fields = fields;
        this.exists = exists;
    }

    /** A header with these fields (maybe none). */
    public static PartHeader of(List<Header> fields) {
        return new PartHeader(List.copyOf(fields), true);
    }

    /** False for {@link #NONE} and what is {@link #filter filtered} from it. */
    public boolean exists() {
        return exists;
    }

    /** The fields that {@code wanted} keeps ({@code HEADER.FIELDS}), in the same header, or still none. */
    public PartHeader filter(Predicate<Header> wanted) {
        return new PartHeader(fields.stream().filter(wanted).toList(), exists);
    }

    @Override
    public Header get(int index) {
        return fields.get(index);
    }

    @Override
    public int size() {
        return fields.size();
    }

    @Override
    public Iterator<Header> iterator() {
        return new Reader();
    }

    /** An iterator over the fields that also gives them all at once, untouched by what it was used for. */
    public final class Reader implements Iterator<Header> {
        private int next;

        /** Every field of the header, whatever this iterator has read. */
        public PartHeader fields() {
            return PartHeader.this;
        }

        @Override
        public boolean hasNext() {
            return next < fields.size();
        }

        @Override
        public Header next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return fields.get(next++);
        }
    }
}
