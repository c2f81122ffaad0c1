package org.apache.james.imap.processor.fetch;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.james.imap.api.message.BodyFetchElement;
import org.apache.james.imap.api.message.FetchData;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.FetchGroup.Profile;
import org.apache.james.mailbox.model.MimePath;

/**
 * Facteur's replacement for James 3.8.1's class of the same name: what a FETCH asks the mailbox to load. James's
 * called {@link FetchGroup#addPartContent} once per section, and that method keeps the profiles already asked for a
 * part and drops the new ones, so of {@code BODY[2] BODY[2.HEADER]} only the first section of part 2 got content,
 * the others empty literals (#15). This one gathers every profile asked for a part first, then adds each part once.
 * Shadows James's class (Facteur's module comes first on the class path, which {@code PackagedJarIT} checks).
 */
class FetchDataConverter {
    private FetchDataConverter() {
    }

    static FetchGroup getFetchGroup(FetchData fetch) {
        FetchGroup result = FetchGroup.MINIMAL;
        if (fetch.contains(FetchData.Item.ENVELOPE)) {
            result = result.with(Profile.HEADERS);
        }
        if (fetch.contains(FetchData.Item.BODY) || fetch.contains(FetchData.Item.BODY_STRUCTURE)) {
            result = result.with(Profile.MIME_DESCRIPTOR);
        }
        Map<MimePath, EnumSet<Profile>> parts = new LinkedHashMap<>();
        for (BodyFetchElement element : fetch.getBodyElements()) {
            int[] path = element.getPath();
            if (path == null || path.length == 0) {
                result = result.with(profile(element, false));
            } else {
                parts.computeIfAbsent(new MimePath(path), any -> EnumSet.noneOf(Profile.class)).add(profile(element, true));
            }
        }
        for (Map.Entry<MimePath, EnumSet<Profile>> part : parts.entrySet()) {
            result = result.addPartContent(part.getKey(), part.getValue());
        }
        return result;
    }

    /** What one section needs loaded, as James 3.8.1 maps it. */
    private static Profile profile(BodyFetchElement element, boolean ofPart) {
        return switch (element.getSectionType()) {
            case CONTENT -> ofPart ? Profile.MIME_CONTENT : Profile.FULL_CONTENT;
            case HEADER, HEADER_FIELDS, HEADER_NOT_FIELDS -> Profile.HEADERS;
            case MIME -> Profile.MIME_HEADERS;
            case TEXT -> Profile.BODY_CONTENT;
        };
    }
}
