package org.facteur.mailserver.imap.binary;

import java.io.ByteArrayOutputStream;

/**
 * Removes a part's Content-Transfer-Encoding (RFC 2045 §6), as RFC 3516's BINARY asks: identity encodings as they
 * are, base64 and quoted-printable decoded leniently (whitespace and stray characters in base64 skipped; trailing
 * whitespace on a quoted-printable line dropped, a soft line break allowed to carry trailing whitespace, a broken
 * {@code =} sequence kept as written). Anything else is an encoding the server does not know.
 */
final class TransferEncodings {
    private TransferEncodings() {
    }

    static byte[] decode(byte[] body, String encoding) throws UnknownTransferEncoding {
        return switch (encoding) {
            case "", "7bit", "8bit", "binary" -> body;
            case "base64" -> base64(body);
            case "quoted-printable" -> quotedPrintable(body);
            default -> throw new UnknownTransferEncoding(encoding);
        };
    }

    static byte[] base64(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length * 3 / 4 + 3);
        int bits = 0;
        int count = 0;
        for (byte b : body) {
            if (b == '=') {
                break;
            }
            int value = base64Value(b);
            if (value < 0) {
                continue;
            }
            bits = (bits << 6) | value;
            count++;
            if (count == 4) {
                out.write(bits >> 16);
                out.write(bits >> 8);
                out.write(bits);
                bits = 0;
                count = 0;
            }
        }
        if (count == 2) {
            out.write(bits >> 4);
        } else if (count == 3) {
            out.write(bits >> 10);
            out.write(bits >> 2);
        }
        return out.toByteArray();
    }

    private static int base64Value(byte b) {
        if (b >= 'A' && b <= 'Z') {
            return b - 'A';
        }
        if (b >= 'a' && b <= 'z') {
            return b - 'a' + 26;
        }
        if (b >= '0' && b <= '9') {
            return b - '0' + 52;
        }
        if (b == '+') {
            return 62;
        }
        if (b == '/') {
            return 63;
        }
        return -1;
    }

    static byte[] quotedPrintable(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length);
        int line = 0;
        while (line < body.length) {
            int newline = line;
            while (newline < body.length && body[newline] != '\n') {
                newline++;
            }
            boolean hardBreak = newline < body.length;
            int contentEnd = newline > line && body[newline - 1] == '\r' ? newline - 1 : newline;
            while (contentEnd > line && (body[contentEnd - 1] == ' ' || body[contentEnd - 1] == '\t')) {
                contentEnd--;
            }
            boolean soft = contentEnd > line && body[contentEnd - 1] == '=';
            int end = soft ? contentEnd - 1 : contentEnd;
            for (int i = line; i < end; i++) {
                if (body[i] == '=' && i + 2 < end && hex(body[i + 1]) >= 0 && hex(body[i + 2]) >= 0) {
                    out.write(hex(body[i + 1]) << 4 | hex(body[i + 2]));
                    i += 2;
                } else {
                    out.write(body[i]);
                }
            }
            if (hardBreak && !soft) {
                out.write('\r');
                out.write('\n');
            }
            line = newline + 1;
        }
        return out.toByteArray();
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        return -1;
    }
}
