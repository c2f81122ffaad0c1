package org.facteur.mailserver.imap;

import java.lang.reflect.Constructor;

import org.apache.james.imap.api.message.response.StatusResponse.ResponseCode;

/**
 * IMAP response codes James 3.8.1 does not have: RFC 3516's {@code [UNKNOWN-CTE]} and RFC 5530's
 * {@code [NONEXISTENT]} and {@code [CANNOT]}. James builds codes of its own list only; its one public way to name another,
 * {@code createExtension}, puts an {@code X} in front ({@code XUNKNOWN-CTE}), which clients do not know. So this
 * reaches the code's private constructor once, at class load (when {@link FacteurImapPackage} is made, as James
 * starts); should a James version close that door, the server fails to start loudly rather than answer with a wrong
 * code ({@code ResponseCodesTest} checks the texts).
 */
public final class ResponseCodes {
    /** RFC 3516 §4.3: a part's transfer encoding the server cannot remove. */
    public static final ResponseCode UNKNOWN_CTE = named("UNKNOWN-CTE");
    /** RFC 5530 §3: the command names a mailbox that does not exist. */
    public static final ResponseCode NONEXISTENT = named("NONEXISTENT");
    /** RFC 5530 §3: the operation violates a rule of the server (deleting INBOX, renaming a mailbox under itself). */
    public static final ResponseCode CANNOT = named("CANNOT");

    private ResponseCodes() {
    }

    /** Makes the codes now (loading this class) rather than at their first use, mid-command. */
    static void makeNow() {
        // nothing more: the class's static fields are made as it loads
    }

    private static ResponseCode named(String code) {
        try {
            Constructor<ResponseCode> constructor = ResponseCode.class.getDeclaredConstructor(String.class);
            constructor.setAccessible(true);
            return constructor.newInstance(code);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ExceptionInInitializerError(
                    "James's IMAP response codes changed: cannot make [" + code + "]: " + e);
        }
    }
}
