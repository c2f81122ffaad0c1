package org.facteur.mailserver.imap.binary;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.apache.james.imap.api.message.BodyFetchElement;
import org.apache.james.imap.api.message.SectionType;

/**
 * One {@code BINARY[part]<partial>} or {@code BINARY.SIZE[part]} of a FETCH (RFC 3516). To James it is a request
 * for the whole message ({@code BODY[]}, no path): that is what its fetch loads and hands back, and
 * {@link BinaryFetchReplies} then finds the part in those bytes and removes its transfer encoding. The part, the
 * partial range and whether only the size is wanted stay here, out of James's sight, so James neither cuts nor
 * narrows the content it loads.
 */
public final class BinarySection extends BodyFetchElement {
    private final int[] part;
    private final boolean sizeOnly;
    private final Long firstOctet;
    private final Long octets;

    private BinarySection(String responseName, int[] part, boolean sizeOnly, Long firstOctet, Long octets) {
        super(responseName, SectionType.CONTENT, null, null, null, null);
        this.part = part.clone();
        this.sizeOnly = sizeOnly;
        this.firstOctet = firstOctet;
        this.octets = octets;
    }

    /** {@code BINARY[part]} or {@code BINARY.PEEK[part]}, with {@code <first.octets>} when both are given. */
    public static BinarySection content(int[] part, Long firstOctet, Long octets) {
        String name = "BINARY[" + dotted(part) + "]" + (firstOctet == null ? "" : "<" + firstOctet + ">");
        return new BinarySection(name, part, false, firstOctet, octets);
    }

    /** {@code BINARY.SIZE[part]}: the size of the part once its transfer encoding is removed. */
    public static BinarySection size(int[] part) {
        return new BinarySection("BINARY.SIZE[" + dotted(part) + "]", part, true, null, null);
    }

    private static String dotted(int[] part) {
        return Arrays.stream(part).mapToObj(Integer::toString).collect(Collectors.joining("."));
    }

    /** The part numbers, empty for the whole message. */
    public int[] part() {
        return part.clone();
    }

    public boolean sizeOnly() {
        return sizeOnly;
    }

    /** The first octet of a partial fetch, or null. */
    public Long partialFirstOctet() {
        return firstOctet;
    }

    /** How many octets a partial fetch wants at most, or null for all from the first. */
    public Long partialOctets() {
        return octets;
    }

    @Override
    public String toString() {
        return getResponseName() + (octets == null ? "" : " (" + octets + " octets)");
    }

}
