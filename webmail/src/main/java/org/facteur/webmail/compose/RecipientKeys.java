package org.facteur.webmail.compose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.mail.internet.InternetAddress;

import org.facteur.pgp.Certificate;
import org.facteur.webmail.encryption.MemberKeys;
import org.facteur.webmail.encryption.NoMemberKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Which recipients of a message the member can encrypt to: the keys the server knows for them (a local member's
 * key, a key she collected by Autocrypt), through the {@link MemberKeys} port. None when the webmail runs without
 * the mail server's key store.
 */
@Component
class RecipientKeys {
    private static final Logger LOG = LoggerFactory.getLogger(RecipientKeys.class);
    private final MemberKeys keys;

    RecipientKeys(ObjectProvider<MemberKeys> keys) {
        this.keys = keys.getIfAvailable(NoMemberKeys::new);
    }

    boolean available() {
        return keys.available();
    }

    MemberKeys port() {
        return keys;
    }

    /** Each distinct address once (case-insensitive), in the order given. */
    List<KeyedRecipient> of(String member, List<InternetAddress> recipients) {
        Map<String, KeyedRecipient> out = new LinkedHashMap<>();
        for (InternetAddress a : recipients) {
            String address = a.getAddress();
            if (address != null) {
                out.computeIfAbsent(address.toLowerCase(Locale.ROOT), k -> new KeyedRecipient(address, certificates(member, address)));
            }
        }
        return new ArrayList<>(out.values());
    }

    /** The member's own key, for the copy in Sent. */
    List<Certificate> own(String member) {
        return certificates(member, member);
    }

    /** Whether the member has a key made here, which she can unlock to sign. */
    boolean canSign(String member) {
        try {
            return keys.available() && keys.protectedSecretKey(member).isPresent();
        } catch (RuntimeException e) {
            LOG.warn("webmail: cannot read the key of {}: {}", member, e.getMessage());
            return false;
        }
    }

    /** What a Web Key Directory lookup gave: a key's fingerprint, or none and why (a refusal's sentence, or empty). */
    record Lookup(java.util.Optional<String> fingerprint, String refusal) {
    }

    /** Whether the page offers to look keys up in recipients' Web Key Directories. */
    boolean looksUpWebKeyDirectories() {
        try {
            return keys.available() && keys.looksUpWebKeyDirectories();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Looks {@code address}'s key up in her domain's Web Key Directory, at the member's request. */
    Lookup lookUp(String member, String address) {
        try {
            return new Lookup(keys.lookUpInWebKeyDirectory(member, address).map(Certificate::fingerprint), "");
        } catch (org.facteur.webmail.encryption.MemberKeyException e) {
            return new Lookup(java.util.Optional.empty(), e.getMessage());
        }
    }

    private List<Certificate> certificates(String member, String address) {
        if (!keys.available()) {
            return List.of();
        }
        try {
            return keys.recipientCertificates(member, address);
        } catch (RuntimeException e) {
            // a refusal (MemberKeyException) or an unreadable key: no key for this address; writing plain mail goes on
            LOG.warn("webmail: no key for a recipient of {}: {}", member, e.getMessage());
            return List.of();
        }
    }
}
