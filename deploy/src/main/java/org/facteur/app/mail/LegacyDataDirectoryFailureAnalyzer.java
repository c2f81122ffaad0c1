package org.facteur.app.mail;

import org.facteur.mailserver.LegacyDataDirectory.LegacyDataDirectoryException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A data directory of the Derby release stops the start with its one sentence (what it is, and that
 * {@code ./facteur migrate} converts it) instead of a stack trace.
 */
public class LegacyDataDirectoryFailureAnalyzer extends AbstractFailureAnalyzer<LegacyDataDirectoryException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, LegacyDataDirectoryException cause) {
        return new FailureAnalysis(cause.getMessage(), null, cause);
    }
}
