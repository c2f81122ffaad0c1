package org.facteur.mailserver.store.users;

import org.apache.james.core.Username;
import org.apache.james.user.api.model.User;

/** A user row as James sees it: the name and the stored hash; a new password is hashed here, saved by the DAO. */
public final class StoredUser implements User {
    private final Username name;
    private final PasswordHashes hashes;
    private String passwordHash;

    StoredUser(Username name, String passwordHash, PasswordHashes hashes) {
        this.name = name;
        this.passwordHash = passwordHash;
        this.hashes = hashes;
    }

    @Override
    public Username getUserName() {
        return name;
    }

    @Override
    public boolean verifyPassword(String password) {
        return hashes.verify(password, passwordHash);
    }

    @Override
    public boolean setPassword(String password) {
        if (password == null) {
            return false;
        }
        passwordHash = hashes.hash(password);
        return true;
    }

    /** The self-describing hash string, as stored in {@code users.password_hash}. */
    public String passwordHash() {
        return passwordHash;
    }

    @Override
    public String toString() {
        return "StoredUser[" + name.asString() + "]";
    }
}
