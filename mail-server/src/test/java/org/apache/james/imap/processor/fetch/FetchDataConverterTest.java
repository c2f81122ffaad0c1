package org.apache.james.imap.processor.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.apache.james.imap.api.message.BodyFetchElement;
import org.apache.james.imap.api.message.FetchData;
import org.apache.james.imap.api.message.SectionType;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.FetchGroup.Profile;
import org.apache.james.mailbox.model.MimePath;
import org.apache.james.mailbox.model.PartContentDescriptor;
import org.junit.jupiter.api.Test;

/** What a FETCH of several sections asks the mailbox to load (#15): this class shadows James's own. */
class FetchDataConverterTest {

    @Test
    void theClassJamesLoadsIsFacteursOne() {
        assertThat(FetchDataConverter.class.getProtectionDomain().getCodeSource().getLocation().toString())
                .doesNotContain("protocols-imap");
    }

    @Test
    void everySectionOfOnePartAddsItsProfileToThatPart() {
        FetchGroup group = FetchDataConverter.getFetchGroup(fetch(
                section(SectionType.CONTENT, 2), section(SectionType.HEADER, 2), section(SectionType.TEXT, 2),
                section(SectionType.MIME, 2), section(SectionType.HEADER_FIELDS, 2), section(SectionType.MIME, 1, 3)));

        assertThat(group.getPartContentDescriptors()).hasSize(2);
        assertThat(profilesOf(group, 2)).containsExactlyInAnyOrder(Profile.MIME_CONTENT, Profile.HEADERS,
                Profile.BODY_CONTENT, Profile.MIME_HEADERS);
        assertThat(profilesOf(group, 1, 3)).containsExactly(Profile.MIME_HEADERS);
        assertThat(group.profiles()).isEmpty();
    }

    @Test
    void sectionsOfTheWholeMessageAndOtherItemsAreProfilesOfTheMessage() {
        FetchData fetch = FetchData.builder().fetch(FetchData.Item.ENVELOPE, FetchData.Item.BODY_STRUCTURE)
                .add(section(SectionType.CONTENT), true).add(section(SectionType.HEADER_NOT_FIELDS), true)
                .add(section(SectionType.TEXT), true).build();

        FetchGroup group = FetchDataConverter.getFetchGroup(fetch);

        assertThat(group.profiles()).containsExactlyInAnyOrder(Profile.HEADERS, Profile.MIME_DESCRIPTOR,
                Profile.FULL_CONTENT, Profile.BODY_CONTENT);
        assertThat(group.getPartContentDescriptors()).isEmpty();
    }

    @Test
    void onlyFlagsLoadsNothing() {
        assertThat(FetchDataConverter.getFetchGroup(FetchData.builder().fetch(FetchData.Item.FLAGS).build()))
                .isEqualTo(FetchGroup.MINIMAL);
    }

    private static Set<Profile> profilesOf(FetchGroup group, int... path) {
        MimePath part = new MimePath(path);
        return group.getPartContentDescriptors().stream().filter(descriptor -> descriptor.path().equals(part))
                .findFirst().map(PartContentDescriptor::profiles).orElseThrow();
    }

    private static FetchData fetch(BodyFetchElement... sections) {
        FetchData.Builder fetch = FetchData.builder();
        for (BodyFetchElement section : sections) {
            fetch.add(section, true);
        }
        return fetch.build();
    }

    private static BodyFetchElement section(SectionType type, int... path) {
        return new BodyFetchElement("BODY[" + type + "]", type, path, List.of("Subject"), null, null);
    }
}
