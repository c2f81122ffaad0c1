package org.facteur.mailserver.imap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imapserver.netty.NettyConstants;
import org.facteur.mailserver.net.QuickAck;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Lets James see one IMAP command at a time. James 3.8.1 decodes a command, and checks that it is allowed in the
 * session's state, as soon as its bytes arrive, while the command before it may still be running: a client that
 * pipelines (RFC 3501 §5.5) {@code LOGIN} and {@code SELECT INBOX} in one write got {@code NO SELECT failed. Command
 * not valid in this state}. This handler passes on the bytes of one complete command ({@link CommandScanner}) and
 * holds what follows until James has processed it, which {@link SequencedImapProcessor} reports.
 * <ul>
 * <li>A command that James answers without processing (the continuation lines of IDLE and AUTHENTICATE, which
 * James reads through its own line handlers) does not hold anything.</li>
 * <li>{@code STARTTLS} and {@code COMPRESS} get everything that follows them at once, as without this handler, so
 * that James's own check still refuses commands injected in clear text after STARTTLS; nothing is held across a
 * change of the connection's encoding.</li>
 * <li>Past {@link #HOLD_LIMIT} bytes held, the connection stops being read, so a client cannot make it buffer
 * without bound.</li>
 * <li>When a read ends inside a command (an APPEND literal without the CRLF that ends it), the bytes read are
 * acknowledged at once ({@link QuickAck}): the client may be waiting for that ACK to send the rest.</li>
 * </ul>
 * One instance per connection, placed after TLS and before James's framing; all its state is used on the
 * connection's event loop.
 */
final class CommandSequencer extends ChannelInboundHandlerAdapter {
    static final String NAME = "facteur-command-sequencer";
    private static final String SESSION_KEY = "facteur.command-sequencer";
    static final int HOLD_LIMIT = 256 * 1024;
    private static final Set<String> PASS_THE_REST = Set.of("STARTTLS", "COMPRESS");
    private static final int CLOSE_WAIT_SECONDS = 10;

    private final CommandScanner scanner = new CommandScanner();
    private final Consumer<Channel> acknowledgeNow;
    private final ArrayDeque<ByteBuf> held = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private boolean registered;
    private boolean busy;
    private boolean passTheRest;
    private boolean stoppedReading;
    private String forwardedTag = "";
    private String forwardedCommand = "";
    /** Set when the connection is being closed: reading is not turned back on. */
    private boolean closing;
    private final AtomicBoolean byeSaid = new AtomicBoolean();

    CommandSequencer() {
        this(channel -> QuickAck.now(channel));
    }

    /** {@code acknowledgeNow} is called when a read ends inside a command. */
    CommandSequencer(Consumer<Channel> acknowledgeNow) {
        this.acknowledgeNow = acknowledgeNow;
    }

    /**
     * Called when James starts processing a command of this session, on the session's event loop.
     *
     * @return what to call when the processing has finished, from any thread
     */
    static Runnable begin(ImapSession session) {
        if (session.getAttribute(SESSION_KEY) instanceof CommandSequencer sequencer
                && sequencer.ctx.executor().inEventLoop()) {
            sequencer.busy = true;
            return () -> sequencer.ctx.executor().execute(sequencer::resume);
        }
        return () -> { };
    }

    /**
     * The tag of the command whose bytes were last passed on: while James decodes a command, the one being decoded.
     */
    static String forwardedTag(ImapSession session) {
        return session.getAttribute(SESSION_KEY) instanceof CommandSequencer sequencer ? sequencer.forwardedTag : "";
    }

    /** The name of that command, upper case (for {@code UID FETCH}: {@code UID}). */
    static String forwardedCommand(ImapSession session) {
        return session.getAttribute(SESSION_KEY) instanceof CommandSequencer sequencer ? sequencer.forwardedCommand : "";
    }

    /** This connection's sequencer, or null when the session has none. */
    static CommandSequencer of(ImapSession session) {
        return session.getAttribute(SESSION_KEY) instanceof CommandSequencer sequencer ? sequencer : null;
    }

    /** The position in the client's stream up to which bytes were passed on to James. */
    long forwarded() {
        return scanner.position();
    }

    /**
     * Whether what was passed on to James ends with the announcement of a synchronizing literal (see
     * {@link LiteralGuard#literalWithdrawable}).
     */
    boolean literalWithdrawable() {
        return scanner.atUntouchedSynchronizingLiteral();
    }

    /**
     * James refused the command being passed on without asking for the synchronizing literal it announced: the next
     * byte starts a new command.
     */
    void withdrawLiteral() {
        scanner.withdrawLiteral();
    }

    /**
     * Stops reading the connection and closes it once what was written to it is sent, after {@code farewell} (a BYE
     * line with its CR LF, or empty): for a BYE said outside a command (in IDLE, or in the middle of a refused
     * command's line), since James closes a logged-out session's connection only when a command ends. A client that
     * does not read what is sent to it is cut off after {@value #CLOSE_WAIT_SECONDS} seconds. Any thread.
     */
    static void closeConnection(ImapSession session, String farewell) {
        if (session.getAttribute(SESSION_KEY) instanceof CommandSequencer sequencer) {
            if (sequencer.ctx.executor().inEventLoop()) {
                sequencer.close(farewell);
            } else {
                sequencer.ctx.executor().execute(() -> sequencer.close(farewell));
            }
        }
    }

    private void close(String farewell) {
        Channel channel = ctx.channel();
        closing = true;
        channel.config().setAutoRead(false);
        if (channel.isActive()) {
            channel.writeAndFlush(Unpooled.copiedBuffer(farewell, StandardCharsets.US_ASCII))
                    .addListener(ChannelFutureListener.CLOSE);
            ctx.executor().schedule(() -> channel.close(), CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        }
    }

    /**
     * The first call for this connection answers true, any later false: the BYE of a deleted selection is said once
     * though IDLE and a command may both find the deletion, on two threads. Also true when the session has no
     * sequencer.
     */
    static boolean firstBye(ImapSession session) {
        return !(session.getAttribute(SESSION_KEY) instanceof CommandSequencer sequencer)
                || sequencer.byeSaid.compareAndSet(false, true);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!registered) {
            register(ctx);
        }
        if (!(msg instanceof ByteBuf buf)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (!held.isEmpty()) {
            hold(buf);
            return;
        }
        ByteBuf rest = forward(buf);
        if (rest != null) {
            hold(rest);
        }
    }

    private void register(ChannelHandlerContext ctx) {
        ImapSession session = ctx.channel().attr(NettyConstants.IMAP_SESSION_ATTRIBUTE_KEY).get();
        if (session != null) {
            session.setAttribute(SESSION_KEY, this);
            registered = true;
        }
    }

    /**
     * Passes commands on, one at a time, until James is busy with one.
     *
     * @return the bytes not passed on (to hold), or null when all were
     */
    private ByteBuf forward(ByteBuf buf) {
        while (buf.isReadable()) {
            int from = buf.readerIndex();
            int to = buf.writerIndex();
            if (passTheRest) {
                scanThrough(buf, from, to);
                ctx.fireChannelRead(buf);
                return null;
            }
            if (busy) {
                return buf;
            }
            int end = endOfCommand(buf, from, to);
            forwardedTag = scanner.tag();
            forwardedCommand = scanner.command();
            if (end < 0) {
                acknowledgeNow.accept(ctx.channel());
                ctx.fireChannelRead(buf);   // part of a command: James waits for the rest
                return null;
            }
            if (PASS_THE_REST.contains(scanner.command())) {
                scanThrough(buf, end, to);
                passTheRest = true;
                ctx.fireChannelRead(buf);
                return null;
            }
            ctx.fireChannelRead(end == to ? buf : buf.readRetainedSlice(end - from));
            if (end == to) {
                return null;
            }
        }
        buf.release();
        return null;
    }

    /** Where the command starting at {@code from} ends, or -1 when its end is not in the buffer yet. */
    private int endOfCommand(ByteBuf buf, int from, int to) {
        int i = from;
        while (i < to) {
            i = scanner.scan(buf, i, to);
            if (scanner.stop() == CommandScanner.Stop.COMMAND_END) {
                return i;
            }
        }
        return -1;
    }

    private void scanThrough(ByteBuf buf, int from, int to) {
        int i = from;
        while (i < to) {
            i = scanner.scan(buf, i, to);
        }
    }

    private void hold(ByteBuf buf) {
        held.addLast(buf);
        if (!stoppedReading && heldBytes() > HOLD_LIMIT) {
            stoppedReading = true;
            ctx.channel().config().setAutoRead(false);
        }
    }

    private long heldBytes() {
        long total = 0;
        for (ByteBuf b : held) {
            total += b.readableBytes();
        }
        return total;
    }

    /** James finished a command: pass on what was held, up to the next command James works on. */
    private void resume() {
        busy = false;
        passTheRest = false;
        if (!ctx.channel().isActive()) {
            releaseHeld();
            return;
        }
        while (!busy && !held.isEmpty()) {
            ByteBuf rest = forward(held.pollFirst());
            if (rest != null) {
                held.addFirst(rest);
            }
        }
        if (stoppedReading && !closing && heldBytes() <= HOLD_LIMIT) {
            stoppedReading = false;
            ctx.channel().config().setAutoRead(true);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        releaseHeld();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseHeld();
    }

    private void releaseHeld() {
        ByteBuf b;
        while ((b = held.pollFirst()) != null) {
            b.release();
        }
    }
}
