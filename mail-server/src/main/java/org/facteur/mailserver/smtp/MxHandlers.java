package org.facteur.mailserver.smtp;

import java.util.List;

import org.apache.james.protocols.lib.handler.HandlersPackage;
import org.apache.james.smtpserver.CoreCmdHandlerLoader;

/** James's core SMTP handlers for the MX listener, with {@link DeclaredSizeExtension} in place of James's SIZE. */
public final class MxHandlers implements HandlersPackage {
    private final List<String> handlers = List.copyOf(DeclaredSizeExtension.replacing(new CoreCmdHandlerLoader().getHandlers()));

    @Override
    public List<String> getHandlers() {
        return handlers;
    }
}
