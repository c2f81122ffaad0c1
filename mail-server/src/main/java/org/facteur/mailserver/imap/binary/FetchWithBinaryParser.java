package org.facteur.mailserver.imap.binary;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.inject.Inject;

import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.message.BodyFetchElement;
import org.apache.james.imap.api.message.FetchData;
import org.apache.james.imap.api.message.FetchData.Item;
import org.apache.james.imap.api.message.IdRange;
import org.apache.james.imap.api.message.SectionType;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.decode.DecodingException;
import org.apache.james.imap.decode.FetchPartPathDecoder;
import org.apache.james.imap.decode.ImapRequestLineReader;
import org.apache.james.imap.decode.parser.FetchCommandParser;
import org.apache.james.imap.message.request.FetchRequest;
import org.facteur.mailserver.imap.BadCommand;

import com.google.common.base.CharMatcher;

/**
 * FETCH and UID FETCH with RFC 3516's {@code BINARY[part]<partial>}, {@code BINARY.PEEK[part]<partial>} and
 * {@code BINARY.SIZE[part]} beside every item James 3.8.1 knows (RFC 3501, CONDSTORE's MODSEQ and CHANGEDSINCE,
 * QRESYNC's VANISHED, OBJECTID, SAVEDATE). James's own parser keeps its item names in private code, so this one reads
 * the whole item list; BODY sections still go through James's {@link FetchPartPathDecoder}.
 */
public final class FetchWithBinaryParser extends FetchCommandParser {
    private static final CharMatcher ITEM_NAME_END = CharMatcher.anyOf(" [)\r\n");
    private static final CharMatcher SECTION_END = CharMatcher.is(']');

    @Inject
    public FetchWithBinaryParser(StatusResponseFactory statusResponseFactory) {
        super(statusResponseFactory);
    }

    @Override
    protected ImapMessage decode(ImapRequestLineReader request, Tag tag, boolean useUids, ImapSession session)
            throws DecodingException {
        IdRange[] messages = request.parseIdRange(session);
        FetchData.Builder fetch = FetchData.builder();
        if (useUids) {
            fetch.fetch(Item.UID);
        }
        if (request.nextNonSpaceChar() == '(') {
            request.consumeChar('(');
            while (request.nextNonSpaceChar() != ')') {
                item(request, fetch);
            }
            request.consumeChar(')'); // "()" asks for nothing and gets "* n FETCH ()", as James's own scripts want
            modifiers(request, fetch, useUids);
        } else {
            item(request, fetch);
            modifiers(request, fetch, useUids);
        }
        request.eol();
        return new FetchRequest(useUids, messages, fetch.build(), tag);
    }

    private static void modifiers(ImapRequestLineReader request, FetchData.Builder fetch, boolean useUids)
            throws DecodingException {
        if (request.nextNonSpaceChar() != '(') {
            return;
        }
        request.consumeChar('(');
        boolean vanished = false;
        while (request.nextNonSpaceChar() != ')') {
            String name = request.readUntil(ITEM_NAME_END).toUpperCase(Locale.ROOT);
            switch (name) {
                case "CHANGEDSINCE" -> fetch.changedSince(request.number(true));
                case "VANISHED" -> vanished = true;
                default -> throw illegal("Unknown FETCH modifier: " + name);
            }
        }
        request.consumeChar(')');
        if (vanished && !useUids) {
            throw illegal("VANISHED only allowed in UID FETCH");
        }
        fetch.vanished(vanished);
    }

    private static void item(ImapRequestLineReader request, FetchData.Builder fetch) throws DecodingException {
        String name = request.readUntil(ITEM_NAME_END);
        if (name.isEmpty()) {
            throw illegal("A FETCH item was expected");
        }
        String upper = name.toUpperCase(Locale.ROOT);
        if (request.nextChar() == '[') {
            switch (upper) {
                case "BODY" -> fetch.add(bodySection(request, "BODY"), false);
                case "BODY.PEEK" -> fetch.add(bodySection(request, "BODY"), true);
                case "BINARY" -> fetch.add(binarySection(request, true), false);
                case "BINARY.PEEK" -> fetch.add(binarySection(request, true), true);
                case "BINARY.SIZE" -> fetch.add(BinarySection.size(binaryPart(request)), true);
                default -> throw illegal("Invalid fetch attribute: " + name + "[");
            }
            return;
        }
        switch (upper) {
            case "FAST" -> fetch.fetch(Item.FLAGS, Item.INTERNAL_DATE, Item.SIZE);
            case "ALL" -> fetch.fetch(Item.FLAGS, Item.INTERNAL_DATE, Item.SIZE, Item.ENVELOPE);
            case "FULL" -> fetch.fetch(Item.FLAGS, Item.INTERNAL_DATE, Item.SIZE, Item.ENVELOPE, Item.BODY);
            case "FLAGS" -> fetch.fetch(Item.FLAGS);
            case "UID" -> fetch.fetch(Item.UID);
            case "INTERNALDATE" -> fetch.fetch(Item.INTERNAL_DATE);
            case "RFC822.SIZE" -> fetch.fetch(Item.SIZE);
            case "ENVELOPE" -> fetch.fetch(Item.ENVELOPE);
            case "BODY" -> fetch.fetch(Item.BODY);
            case "BODYSTRUCTURE" -> fetch.fetch(Item.BODY_STRUCTURE);
            case "MODSEQ" -> fetch.fetch(Item.MODSEQ);
            case "EMAILID" -> fetch.fetch(Item.EMAILID);
            case "THREADID" -> fetch.fetch(Item.THREADID);
            case "SAVEDATE" -> fetch.fetch(Item.SAVEDATE);
            case "RFC822" -> fetch.add(BodyFetchElement.createRFC822(), false);
            case "RFC822.HEADER" -> fetch.add(BodyFetchElement.createRFC822Header(), true);
            case "RFC822.TEXT" -> fetch.add(BodyFetchElement.createRFC822Text(), false);
            default -> throw illegal("Invalid fetch attribute: " + name);
        }
    }

    private static BodyFetchElement bodySection(ImapRequestLineReader request, String prefix) throws DecodingException {
        request.consumeChar('[');
        String section = request.readUntil(SECTION_END);
        request.consumeChar(']');
        FetchPartPathDecoder decoder = new FetchPartPathDecoder();
        SectionType type = decoder.decode(section);
        for (String level : section.split("\\.")) {
            if (level.isEmpty() || !CharMatcher.inRange('0', '9').matchesAllOf(level)) {
                break; // the part numbers are over: HEADER, TEXT, MIME, HEADER.FIELDS (…)
            }
            if (level.charAt(0) == '0') {
                // RFC 3501's section-part is nz-numbers; James dropped a 0 and served BODY[0] as the whole message.
                throw illegal("Part numbers start at 1, such as " + prefix + "[1.2]: " + section);
            }
        }
        Long[] partial = partial(request);
        return new BodyFetchElement(prefix + "[" + section + "]", type, decoder.getPath(), decoder.getNames(),
                partial[0], partial[1]);
    }

    private static BinarySection binarySection(ImapRequestLineReader request, boolean partialAllowed)
            throws DecodingException {
        int[] part = binaryPart(request);
        Long[] partial = partialAllowed ? partial(request) : new Long[2];
        return BinarySection.content(part, partial[0], partial[1]);
    }

    /** {@code "[" [section-part] "]"}: part numbers only; BINARY has no HEADER, TEXT or MIME sections. */
    static int[] binaryPart(ImapRequestLineReader request) throws DecodingException {
        request.consumeChar('[');
        String section = request.readUntil(SECTION_END);
        request.consumeChar(']');
        if (section.isEmpty()) {
            return new int[0];
        }
        List<Integer> numbers = new ArrayList<>();
        for (String number : section.split("\\.", -1)) {
            if (number.isEmpty() || number.length() > 9 || !CharMatcher.inRange('0', '9').matchesAllOf(number)
                    || number.charAt(0) == '0') {
                throw illegal("BINARY takes part numbers only, such as BINARY[1.2]: " + section);
            }
            numbers.add(Integer.parseInt(number));
        }
        return numbers.stream().mapToInt(Integer::intValue).toArray();
    }

    /** {@code <first.count>} after a section, or nulls. RFC 3501 has no partial without a count. */
    private static Long[] partial(ImapRequestLineReader request) throws DecodingException {
        if (request.nextChar() != '<') {
            return new Long[2];
        }
        request.consumeChar('<');
        long first = request.number();
        Long count = null;
        if (request.nextChar() == '.') {
            request.consumeChar('.');
            count = request.nzNumber();
        }
        request.consumeChar('>');
        return new Long[] {first, count};
    }

    private static DecodingException illegal(String text) {
        return BadCommand.decodingException("org.facteur.imap.fetch.syntax", text);
    }
}
