package org.facteur.mailserver.imap;

import java.util.Map;
import java.util.stream.Stream;

import org.apache.james.imap.processor.AppendProcessor;
import org.apache.james.imap.processor.AuthenticateProcessor;
import org.apache.james.imap.processor.CloseProcessor;
import org.apache.james.imap.processor.CopyProcessor;
import org.apache.james.imap.processor.CreateProcessor;
import org.apache.james.imap.processor.DeleteACLProcessor;
import org.apache.james.imap.processor.DeleteProcessor;
import org.apache.james.imap.processor.ExamineProcessor;
import org.apache.james.imap.processor.ExpungeProcessor;
import org.apache.james.imap.processor.IdProcessor;
import org.apache.james.imap.processor.IdleProcessor;
import org.apache.james.imap.decode.parser.AppendCommandParser;
import org.apache.james.imap.decode.parser.FetchCommandParser;
import org.apache.james.imap.decode.parser.ListCommandParser;
import org.apache.james.imap.decode.parser.SearchCommandParser;
import org.apache.james.imap.decode.parser.StatusCommandParser;
import org.apache.james.imap.encode.FetchResponseEncoder;
import org.apache.james.imap.processor.ListProcessor;
import org.apache.james.imap.processor.LoginProcessor;
import org.apache.james.imap.processor.MoveProcessor;
import org.apache.james.imap.processor.RenameProcessor;
import org.apache.james.imap.processor.SearchProcessor;
import org.apache.james.imap.processor.SelectProcessor;
import org.apache.james.imap.processor.SetACLProcessor;
import org.apache.james.imap.processor.StatusProcessor;
import org.apache.james.imap.processor.StoreProcessor;
import org.apache.james.imap.processor.XListProcessor;
import org.apache.james.imap.processor.fetch.FetchProcessor;
import org.apache.james.modules.protocols.ImapPackage;
import org.apache.james.utils.ClassName;
import org.facteur.mailserver.imap.append.MultiAppendCommandParser;
import org.facteur.mailserver.imap.append.MultiAppendProcessor;
import org.facteur.mailserver.imap.append.ReplaceParser;
import org.facteur.mailserver.imap.append.ReplaceProcessor;
import org.facteur.mailserver.imap.binary.BinaryFetchResponseEncoder;
import org.facteur.mailserver.imap.binary.FetchWithBinaryParser;
import org.facteur.mailserver.imap.context.CancelUpdateCommandParser;
import org.facteur.mailserver.imap.context.CancelUpdateProcessor;
import org.facteur.mailserver.imap.context.ContextSearchCommandParser;
import org.facteur.mailserver.imap.context.ContextSearchResponseEncoder;
import org.facteur.mailserver.imap.context.UpdateRefusedResponseEncoder;
import org.facteur.mailserver.imap.sort.EsortResponseEncoder;
import org.facteur.mailserver.imap.sort.SortCommandParser;
import org.facteur.mailserver.imap.sort.SortProcessor;
import org.facteur.mailserver.imap.sort.SortResponseEncoder;
import org.facteur.mailserver.imap.sort.ThreadCommandParser;
import org.facteur.mailserver.imap.sort.ThreadProcessor;
import org.facteur.mailserver.imap.sort.ThreadResponseEncoder;

import com.google.common.collect.ImmutableList;

/**
 * James's default IMAP commands, with Facteur's throttled LOGIN and AUTHENTICATE (PLAIN, and LOGIN for old clients),
 * its forwarding-aware ID, its APPEND that applies the MIME limits, UID FETCH/STORE/EXPUNGE that answer OK for UID
 * sets naming no message (empty mailboxes), XLIST with the mailbox typer, LIST with several patterns (RFC 5258), IDLE
 * that pushes other sessions' flag changes, SELECT and EXAMINE whose EXISTS matches the session's sequence numbers and
 * which leave nothing selected when they fail, ESEARCH's MODSEQ for MIN/MAX from the returned messages, MOVE that
 * sends COPYUID before its EXPUNGEs (RFC 6851), COPY whose COPYUID names the UIDs copied, CREATE and RENAME that
 * answer every name ({@link AnsweredCreateProcessor}, {@link AnsweredRenameProcessor}), DELETE that keeps INBOX
 * ({@link InboxKeepingDeleteProcessor}), a mailbox opened by EXAMINE kept as it is by STORE, EXPUNGE, MOVE, CLOSE and
 * FETCH ({@link ReadOnlySelection}), SETACL and DELETEACL that refuse an identifier that is not a user name with a
 * sentence, STATUS that answers {@code [NONEXISTENT]} for a missing mailbox ({@link NonexistentStatusProcessor}), and
 * SORT with ESORT and THREAD (RFC 5256, RFC 5267 §3), which James 3.8.1 does not have. SEARCH has Facteur's parser for
 * RFC 5267 §4's return options (UPDATE, PARTIAL, CONTEXT) and CANCELUPDATE is added: searches kept up to date, package
 * {@code context}. REPLACE and UID REPLACE (RFC 8508) are added with Facteur's parser and processor
 * ({@link ReplaceProcessor}), which James 3.8.1 has but does not register.
 *
 * <p>APPEND has Facteur's parser: it reads several messages in one command (MULTIAPPEND, RFC 3502), stored all or
 * none by {@link MultiAppendProcessor}, which announces the capability, and takes a message as a literal8
 * ({@code ~{N}}, RFC 3516 §4.4) whose bytes, NUL included, are stored unchanged. An APPEND of one message still goes
 * through James's request to {@link MimeCheckedAppendProcessor}. FETCH has Facteur's parser too, for BINARY,
 * BINARY.PEEK and BINARY.SIZE (RFC 3516), and Facteur's FETCH encoder writes them; the BINARY capability is announced
 * by {@link UidTolerantFetchProcessor}. EXPUNGE responses leave out messages the session never numbered
 * ({@link KnownMessageExpungeEncoder}).
 */
public final class FacteurImapPackage extends ImapPackage.Impl {
    private static final Map<String, String> REPLACED = Map.ofEntries(
            Map.entry(LoginProcessor.class.getName(), ThrottledLoginProcessor.class.getName()),
            Map.entry(AuthenticateProcessor.class.getName(), ThrottledAuthenticateProcessor.class.getName()),
            Map.entry(IdProcessor.class.getName(), ForwardedClientIdProcessor.class.getName()),
            Map.entry(FetchProcessor.class.getName(), UidTolerantFetchProcessor.class.getName()),
            Map.entry(StoreProcessor.class.getName(), UidTolerantStoreProcessor.class.getName()),
            Map.entry(ExpungeProcessor.class.getName(), UidTolerantExpungeProcessor.class.getName()),
            Map.entry(AppendProcessor.class.getName(), MimeCheckedAppendProcessor.class.getName()),
            Map.entry(XListProcessor.class.getName(), TypedXListProcessor.class.getName()),
            Map.entry(ListProcessor.class.getName(), MultiPatternListProcessor.class.getName()),
            Map.entry(IdleProcessor.class.getName(), OrderedIdleProcessor.class.getName()),
            Map.entry(SelectProcessor.class.getName(), SessionCountedSelectProcessor.class.getName()),
            Map.entry(ExamineProcessor.class.getName(), SessionCountedExamineProcessor.class.getName()),
            Map.entry(SearchProcessor.class.getName(), ReturnedModSeqSearchProcessor.class.getName()),
            Map.entry(MoveProcessor.class.getName(), CopyUidFirstMoveProcessor.class.getName()),
            Map.entry(CreateProcessor.class.getName(), AnsweredCreateProcessor.class.getName()),
            Map.entry(StatusProcessor.class.getName(), NonexistentStatusProcessor.class.getName()),
            Map.entry(RenameProcessor.class.getName(), AnsweredRenameProcessor.class.getName()),
            Map.entry(DeleteProcessor.class.getName(), InboxKeepingDeleteProcessor.class.getName()),
            Map.entry(CloseProcessor.class.getName(), ExamineKeepingCloseProcessor.class.getName()),
            Map.entry(SetACLProcessor.class.getName(), AnsweredSetAclProcessor.class.getName()),
            Map.entry(DeleteACLProcessor.class.getName(), AnsweredDeleteAclProcessor.class.getName()),
            Map.entry(CopyProcessor.class.getName(), UidSourceCopyProcessor.class.getName()));
    private static final Map<String, String> REPLACED_DECODERS = Map.of(
            ListCommandParser.class.getName(), MultiPatternListParser.class.getName(),
            AppendCommandParser.class.getName(), MultiAppendCommandParser.class.getName(),
            FetchCommandParser.class.getName(), FetchWithBinaryParser.class.getName(),
            SearchCommandParser.class.getName(), ContextSearchCommandParser.class.getName(),
            StatusCommandParser.class.getName(), CheckedStatusParser.class.getName());

    private static final Map<String, String> REPLACED_ENCODERS = Map.of(
            FetchResponseEncoder.class.getName(), BinaryFetchResponseEncoder.class.getName(),
            org.apache.james.imap.encode.ExpungeResponseEncoder.class.getName(), KnownMessageExpungeEncoder.class.getName());

    public FacteurImapPackage() {
        super(Stream.concat(DEFAULT.processors().stream()
                                .map(p -> new ClassName(REPLACED.getOrDefault(p.getName(), p.getName()))),
                        Stream.of(new ClassName(SortProcessor.class.getName()), new ClassName(ThreadProcessor.class.getName()),
                                new ClassName(MultiAppendProcessor.class.getName()),
                                new ClassName(ReplaceProcessor.class.getName()),
                                new ClassName(CancelUpdateProcessor.class.getName())))
                        .collect(ImmutableList.toImmutableList()),
                Stream.concat(DEFAULT.decoders().stream()
                                .map(d -> new ClassName(REPLACED_DECODERS.getOrDefault(d.getName(), d.getName()))),
                        Stream.of(new ClassName(SortCommandParser.class.getName()),
                                new ClassName(ThreadCommandParser.class.getName()),
                                new ClassName(ReplaceParser.class.getName()),
                                new ClassName(CancelUpdateCommandParser.class.getName())))
                        .collect(ImmutableList.toImmutableList()),
                Stream.concat(DEFAULT.encoders().stream()
                                .map(e -> new ClassName(REPLACED_ENCODERS.getOrDefault(e.getName(), e.getName()))),
                        Stream.of(new ClassName(SortResponseEncoder.class.getName()),
                                new ClassName(EsortResponseEncoder.class.getName()),
                                new ClassName(ThreadResponseEncoder.class.getName()),
                                new ClassName(ContextSearchResponseEncoder.class.getName()),
                                new ClassName(UpdateRefusedResponseEncoder.class.getName())))
                        .collect(ImmutableList.toImmutableList()));
        ResponseCodes.makeNow();
        long replaced = processors().stream().filter(p -> REPLACED.containsValue(p.getName())).count();
        if (replaced != REPLACED.size()) {
            throw new IllegalStateException("James's default IMAP processors changed: " + replaced + " of "
                    + REPLACED.size() + " found to replace");
        }
        if (decoders().stream().filter(d -> REPLACED_DECODERS.containsValue(d.getName())).count() != REPLACED_DECODERS.size()) {
            throw new IllegalStateException("James's default IMAP parsers changed: LIST's, APPEND's, FETCH's or SEARCH's parser not found to replace");
        }
        if (encoders().stream().filter(e -> REPLACED_ENCODERS.containsValue(e.getName())).count() != REPLACED_ENCODERS.size()) {
            throw new IllegalStateException("James's default IMAP encoders changed: FETCH's or EXPUNGE's encoder not found to replace");
        }
    }
}
