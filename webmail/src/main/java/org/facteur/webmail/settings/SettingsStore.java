package org.facteur.webmail.settings;

import java.io.IOException;

/** Where members' webmail settings are kept; one implementation per storage, the same contract for all. */
public interface SettingsStore {
    /** The member's settings, or {@link MemberSettings#NONE} when they never saved any. */
    MemberSettings load(String address) throws IOException;

    void save(String address, MemberSettings settings) throws IOException;
}
