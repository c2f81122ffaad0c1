package org.facteur.mailserver.smtp;

import java.math.BigInteger;
import java.util.regex.Pattern;

import org.apache.james.protocols.smtp.SMTPRetCode;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.core.esmtp.MailSizeEsmtpExtension;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;

/**
 * James's SIZE extension (RFC 1870), where a size declared in {@code MAIL FROM:<…> SIZE=n} over the limit is refused
 * with {@code 552 5.3.4} and a sentence that gives the limit, however large the number: James 3.8.1 read it into an
 * {@code int} and answered {@code 501 Syntactically incorrect value for SIZE parameter} to any size above
 * 2,147,483,647 bytes (Postfix answers {@code 552 5.3.4 Message size exceeds fixed limit}). Everything else (the EHLO
 * keyword, the count during DATA) is James's; a value that is not a number gets James's {@code 501} without James's
 * ERROR log line.
 */
public final class DeclaredSizeExtension extends MailSizeEsmtpExtension {
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final BigInteger LARGEST_JAMES_READS = BigInteger.valueOf(Integer.MAX_VALUE);

    @Override
    public HookResult doMailParameter(SMTPSession session, String paramName, String paramValue) {
        if (!DIGITS.matcher(paramValue).matches()) {
            // James answers the same, and logs the client's mistake as an ERROR of the server
            return HookResult.builder()
                    .hookReturnCode(HookReturnCode.deny())
                    .smtpReturnCode(SMTPRetCode.SYNTAX_ERROR_ARGUMENTS)
                    .smtpDescription("5.5.4 Syntactically incorrect value for SIZE parameter: it takes the message's "
                            + "size in bytes, a number")
                    .build();
        }
        long limit = session.getConfiguration().getMaxMessageSize();
        if (limit <= 0) {
            return super.doMailParameter(session, paramName, paramValue);
        }
        BigInteger declared = new BigInteger(paramValue);
        if (declared.compareTo(BigInteger.valueOf(limit)) > 0) {
            return HookResult.builder()
                    .hookReturnCode(HookReturnCode.deny())
                    .smtpReturnCode(SMTPRetCode.QUOTA_EXCEEDED)
                    .smtpDescription("5.3.4 Message size exceeds fixed maximum message size: the message declares "
                            + (declared.toString().length() > 20 ? "10^20 or more" : declared.toString()) + " bytes, this server takes up to "
                            + limit)
                    .build();
        }
        // within a limit set above 2 GiB: nothing for James to read or refuse
        return declared.compareTo(LARGEST_JAMES_READS) > 0 ? null : super.doMailParameter(session, paramName, paramValue);
    }
}
