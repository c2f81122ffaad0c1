package org.facteur.mailserver.imap.binary;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.james.imap.api.message.BodyFetchElement;
import org.apache.james.imap.api.message.FetchData;
import org.apache.james.imap.message.response.FetchResponse;

/**
 * Turns James's answer to the {@link BinarySection}s of a FETCH (the whole message, once per section) into the
 * BINARY items RFC 3516 asks for: the part found by {@link MimeParts}, its transfer encoding removed by
 * {@link TransferEncodings}, cut to the partial range, or only its size. A part the message does not have is an
 * empty string, as James answers {@code BODY[part]} for it.
 */
public final class BinaryFetchReplies {
    private final Map<String, BinarySection> sections = new HashMap<>();

    private BinaryFetchReplies(Iterable<BodyFetchElement> elements) {
        for (BodyFetchElement element : elements) {
            if (element instanceof BinarySection section) {
                sections.putIfAbsent(section.getResponseName(), section);
            }
        }
    }

    /** The BINARY sections of this fetch, or null when it asks for none. */
    public static BinaryFetchReplies of(FetchData fetch) {
        BinaryFetchReplies replies = new BinaryFetchReplies(fetch.getBodyElements());
        return replies.sections.isEmpty() ? null : replies;
    }

    /**
     * The reply with its BINARY items decoded.
     *
     * @throws UnknownTransferEncoding when a part asked for has an encoding this server cannot remove
     */
    public FetchResponse answer(FetchResponse response) throws IOException, UnknownTransferEncoding {
        if (response.getElements() == null) {
            return response;
        }
        byte[] message = null;
        List<FetchResponse.BodyElement> elements = new ArrayList<>(response.getElements().size());
        for (FetchResponse.BodyElement element : response.getElements()) {
            BinarySection section = sections.get(element.getName());
            if (section == null) {
                elements.add(element);
                continue;
            }
            if (message == null) {
                try (InputStream in = element.getInputStream()) {
                    message = in.readAllBytes();
                }
            }
            byte[] content = content(message, section.part());
            elements.add(section.sizeOnly()
                    ? new BinarySize(section.getResponseName(), content.length)
                    : new BinaryContent(section.getResponseName(), partial(content, section)));
        }
        return new FetchResponse(response.getMessageNumber(), response.getFlags(), response.getUid(),
                response.getSaveDate(), response.getModSeq(), response.getInternalDate(), response.getSize(),
                response.getEnvelope(), response.getBody(), response.getBodyStructure(), elements,
                response.getEmailId(), response.getThreadId());
    }

    static byte[] content(byte[] message, int[] part) throws UnknownTransferEncoding {
        if (part.length == 0) {
            return message;
        }
        MimeParts.Part found = MimeParts.locate(message, part).orElse(null);
        if (found == null) {
            return new byte[0];
        }
        return TransferEncodings.decode(found.body(), found.transferEncoding());
    }

    private static byte[] partial(byte[] content, BinarySection section) {
        Long first = section.partialFirstOctet();
        if (first == null) {
            return content;
        }
        int from = (int) Math.min(first, content.length);
        long count = section.partialOctets() == null ? Long.MAX_VALUE : section.partialOctets();
        int to = (int) Math.min(content.length, from + Math.min(count, Integer.MAX_VALUE));
        return Arrays.copyOfRange(content, from, to);
    }
}
