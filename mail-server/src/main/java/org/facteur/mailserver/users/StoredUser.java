package org.facteur.mailserver.users;

import org.apache.james.core.Username;
import org.apache.james.user.api.model.User;

/** A user as James's administration sees it, with its hash in {@link PasswordHashing}'s format. */
final class StoredUser implements User {
    private final Username name;
    private final PasswordHashing hashing;
    private String hash;

    StoredUser(Username name, String hash, PasswordHashing hashing) {
        this.name = name;
        this.hash = hash;
        this.hashing = hashing;
    }

    @Override
    public Username getUserName() {
        return name;
    }

    @Override
    public boolean verifyPassword(String password) {
        return hashing.verify(password, hash);
    }

    /** Hashes the new password; {@link FacteurUsersDao#updateUser} stores it. */
    @Override
    public boolean setPassword(String password) {
        if (password == null) {
            return false;
        }
        hash = hashing.hash(password);
        return true;
    }

    String hash() {
        return hash;
    }

    @Override
    public String toString() {
        return "StoredUser[" + name.asString() + "]";
    }
}
