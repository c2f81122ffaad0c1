package org.facteur.mailserver.imap;

import org.apache.james.imap.api.ImapConfiguration;
import org.apache.james.imap.api.message.Capability;

import com.google.common.collect.ImmutableSet;

/**
 * James 3.8.1's IMAP configuration with CONDSTORE (RFC 7162) turned on. James serves CONDSTORE (mod-sequences,
 * CHANGEDSINCE, UNCHANGEDSINCE; QRESYNC, which needs it, is already announced) but its server never reads a setting
 * for it, so it stayed unannounced and {@code ENABLE CONDSTORE} answered an empty {@code ENABLED}; Thunderbird, K-9
 * and iOS Mail use it to resynchronise quickly.
 */
final class CondstoreConfiguration {
    private CondstoreConfiguration() {
    }

    static ImapConfiguration of(ImapConfiguration james) {
        ImapConfiguration.Builder builder = ImapConfiguration.builder()
                .enableIdle(james.isEnableIdle())
                .idleTimeInterval(james.getIdleTimeInterval())
                .idleTimeIntervalUnit(james.getIdleTimeIntervalUnit())
                .disabledCaps(james.getDisabledCaps().stream().map(Capability::asString)
                        .collect(ImmutableSet.toImmutableSet()))
                .maxQueueSize(james.getMaxQueueSize())
                .concurrentRequests(james.getConcurrentRequests())
                .isProvisionDefaultMailboxes(james.isProvisionDefaultMailboxes())
                .withCustomProperties(james.getCustomProperties())
                .isCondstoreEnable(true);
        james.getAppendLimit().ifPresent(builder::appendLimit);
        return builder.build();
    }
}
