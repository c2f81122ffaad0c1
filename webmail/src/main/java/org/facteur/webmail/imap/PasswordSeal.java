package org.facteur.webmail.imap;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals a member's mail password for a shared session store (AES-256-GCM, the login's id as associated data): the
 * store keeps the sealed bytes, her browser keeps the key in its own cookie. Neither alone gives the password; a node
 * that has both (she was sent to it by the load balancer) can log in to IMAP and SMTP for her. A sealed password moved
 * to another login, or altered, does not open.
 */
final class PasswordSeal {
    static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordSeal() {
    }

    /** A fresh key, as the text of a cookie value (base64url, 43 characters). */
    static String newKey() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }

    static byte[] seal(char[] password, String key, String loginId) {
        byte[] clear = utf8(password);
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key, nonce, loginId);
            byte[] sealed = cipher.doFinal(clear);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        } finally {
            Arrays.fill(clear, (byte) 0);
        }
    }

    /**
     * The password, or an exception when {@code key} is not the one it was sealed with, the bytes were altered or
     * belong to another login.
     */
    static char[] open(byte[] sealed, String key, String loginId) throws GeneralSecurityException {
        if (sealed.length <= NONCE_BYTES) {
            throw new GeneralSecurityException("sealed password too short");
        }
        Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, Arrays.copyOf(sealed, NONCE_BYTES), loginId);
        byte[] clear = cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(clear));
            char[] password = new char[chars.remaining()];
            chars.get(password);
            Arrays.fill(chars.array(), '\0');
            return password;
        } catch (CharacterCodingException e) {
            throw new GeneralSecurityException("sealed password is not UTF-8", e);
        } finally {
            Arrays.fill(clear, (byte) 0);
        }
    }

    private static Cipher cipher(int mode, String key, byte[] nonce, String loginId) throws GeneralSecurityException {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(key);
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("key is not base64url", e);
        }
        if (raw.length != KEY_BYTES) {
            throw new GeneralSecurityException("key is not " + KEY_BYTES + " bytes");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(raw, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(loginId.getBytes(StandardCharsets.UTF_8));
        Arrays.fill(raw, (byte) 0);
        return cipher;
    }

    private static byte[] utf8(char[] password) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        Arrays.fill(encoded.array(), (byte) 0);
        return bytes;
    }
}
