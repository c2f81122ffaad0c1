package org.facteur.mailserver.imap.binary;

import java.lang.reflect.Constructor;

import org.apache.james.imap.api.message.response.StatusResponse.ResponseCode;

/**
 * RFC 3516's {@code [UNKNOWN-CTE]} response code. James 3.8.1 builds codes of its own list only; its one public way to
 * name another, {@code createExtension}, puts an {@code X} in front ({@code XUNKNOWN-CTE}), which clients do not know.
 * So this reaches the code's private constructor once, at class load; should a James version close that door, the
 * server fails to start loudly rather than answer with a wrong code ({@code UnknownCteCodeTest} checks the text).
 */
public final class UnknownCteCode {
    private static final ResponseCode CODE = create();

    private UnknownCteCode() {
    }

    public static ResponseCode get() {
        return CODE;
    }

    private static ResponseCode create() {
        try {
            Constructor<ResponseCode> constructor = ResponseCode.class.getDeclaredConstructor(String.class);
            constructor.setAccessible(true);
            return constructor.newInstance("UNKNOWN-CTE");
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ExceptionInInitializerError("James's IMAP response codes changed: cannot make [UNKNOWN-CTE]: " + e);
        }
    }
}
