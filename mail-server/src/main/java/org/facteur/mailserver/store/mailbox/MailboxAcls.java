package org.facteur.mailserver.store.mailbox;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.james.mailbox.exception.UnsupportedRightException;
import org.apache.james.mailbox.model.MailboxACL;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A mailbox's ACL in its row: a JSON object from serialized entry key to serialized rights; NULL when empty. */
final class MailboxAcls {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> ENTRIES = new TypeReference<>() {
    };

    private MailboxAcls() {
    }

    static String write(MailboxACL acl) {
        if (acl == null || acl.getEntries().isEmpty()) {
            return null;
        }
        Map<String, String> entries = new LinkedHashMap<>();
        acl.getEntries().forEach((key, rights) -> entries.put(key.serialize(), rights.serialize()));
        try {
            return JSON.writeValueAsString(entries);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static MailboxACL read(String json) {
        if (json == null) {
            return MailboxACL.EMPTY;
        }
        try {
            Map<MailboxACL.EntryKey, MailboxACL.Rfc4314Rights> entries = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : JSON.readValue(json, ENTRIES).entrySet()) {
                entries.put(MailboxACL.EntryKey.deserialize(e.getKey()), MailboxACL.Rfc4314Rights.fromSerializedRfc4314Rights(e.getValue()));
            }
            return new MailboxACL(entries);
        } catch (JsonProcessingException | UnsupportedRightException e) {
            throw new IllegalStateException("Unreadable mailbox ACL: " + json, e);
        }
    }
}
