package org.apache.james.imap.processor.fetch;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

import org.apache.james.mailbox.model.Header;
import org.facteur.mailserver.mime.PartHeader;

/**
 * Facteur's replacement for James 3.8.1's class of the same name, through which FETCH reads the header fields of a
 * section. James's store keeps one {@link Iterator} per part for its header fields ({@code MessageResultImpl}), so
 * of {@code BODY[2.HEADER] BODY[2.HEADER.FIELDS (From)]} the second section found it used up and got no field
 * (#15). Facteur's {@code PartContentBuilder} gives a part's fields as a {@link PartHeader}, whose iterator hands
 * them all over to each section here, and the sections' fields stay a {@link PartHeader}, which tells
 * {@code HeaderBodyElement} and {@code MimeBodyElement} whether there is a header at all. Same methods as James's. Shadows James's class (Facteur's module comes first
 * on the class path, which {@code PackagedJarIT} checks).
 */
public class MessageResultUtils {
    private MessageResultUtils() {
    }

    /** Every field; a part's {@link PartHeader} itself, which tells whether the part exists. */
    public static List<Header> getAll(Iterator<Header> iterator) {
        if (iterator instanceof PartHeader.Reader part) {
            return part.fields();
        }
        List<Header> fields = new ArrayList<>();
        if (iterator != null) {
            iterator.forEachRemaining(fields::add);
        }
        return fields;
    }

    /** The fields named one of {@code names}, ignoring case; a {@link PartHeader} for a part's. */
    public static List<Header> getMatching(Collection<String> names, Iterator<Header> iterator) {
        return filter(iterator, field -> named(names, field));
    }

    /** The fields not named one of {@code names}, ignoring case; a {@link PartHeader} for a part's. */
    public static List<Header> getNotMatching(Collection<String> names, Iterator<Header> iterator) {
        return filter(iterator, field -> !named(names, field));
    }

    /**
     * The first field named {@code name}, ignoring case, or null. ENVELOPE asks this ten times a message: the fields
     * are walked in place, not copied first (that copy and its stream were a fifth of a FETCH ENVELOPE's CPU).
     */
    public static Header getMatching(String name, Iterator<Header> iterator) {
        if (name == null || iterator == null) {
            return null;
        }
        Iterator<Header> fields = iterator instanceof PartHeader.Reader part ? part.fields().iterator() : iterator;
        while (fields.hasNext()) {
            Header field = fields.next();
            if (name.equalsIgnoreCase(field.getName())) {
                return field;
            }
        }
        return null;
    }

    private static List<Header> filter(Iterator<Header> iterator, Predicate<Header> wanted) {
        List<Header> all = getAll(iterator);
        if (all instanceof PartHeader part) {
            return part.filter(wanted);
        }
        List<Header> kept = new ArrayList<>(all.size());
        for (Header field : all) {
            if (wanted.test(field)) {
                kept.add(field);
            }
        }
        return kept;
    }

    private static boolean named(Collection<String> names, Header field) {
        String fieldName = field.getName();
        if (fieldName == null) {
            return false;
        }
        for (String name : names) {
            if (fieldName.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }
}
