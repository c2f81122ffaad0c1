package org.facteur.mailserver.store.users;

import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.user.api.AlreadyExistInUsersRepositoryException;
import org.apache.james.user.api.UsersRepositoryException;
import org.apache.james.user.api.model.User;
import org.apache.james.user.lib.UsersDAO;
import org.facteur.mailserver.store.sql.Database;
import org.facteur.mailserver.store.sql.DatabaseException;
import org.facteur.mailserver.store.sql.Jdbc;

/**
 * James's users on Facteur's database: table {@code users}, the name in lower case and the password as one
 * self-describing hash string made by {@link PasswordHashes}.
 */
public final class SqlUsersDao implements UsersDAO {
    private final Database database;
    private final PasswordHashes hashes;

    @Inject
    public SqlUsersDao(Database database, PasswordHashes hashes) {
        this.database = database;
        this.hashes = hashes;
    }

    @Override
    public Optional<StoredUser> getUserByName(Username name) throws UsersRepositoryException {
        String key = key(name);
        return call("read the user " + key, () -> database.read(c -> Jdbc.one(c,
                "SELECT password_hash FROM users WHERE name = ?", rs -> rs.getString(1), key)))
                .map(hash -> new StoredUser(Username.of(key), hash, hashes));
    }

    @Override
    public void addUser(Username name, String password) throws UsersRepositoryException {
        String key = key(name);
        String hash = hashes.hash(password);
        int added = call("add the user " + key, () -> database.inTransaction(c -> Jdbc.update(c,
                "INSERT INTO users (name, password_hash) VALUES (?, ?) ON CONFLICT (name) DO NOTHING", key, hash)));
        if (added == 0) {
            throw new AlreadyExistInUsersRepositoryException(key + " already exists.");
        }
    }

    /** Stores the hash {@link StoredUser#setPassword} made. */
    @Override
    public void updateUser(User user) throws UsersRepositoryException {
        if (!(user instanceof StoredUser stored)) {
            throw new UsersRepositoryException("Not a user of this repository: " + user);
        }
        if (!replaceHash(stored.getUserName(), stored.passwordHash())) {
            throw new UsersRepositoryException("User " + key(stored.getUserName()) + " not found");
        }
    }

    /**
     * Replaces the stored hash of a user, for example with a stronger one after a successful login.
     * @return false when there is no such user
     */
    public boolean replaceHash(Username name, String passwordHash) throws UsersRepositoryException {
        String key = key(name);
        return call("store the password of " + key, () -> database.inTransaction(c -> Jdbc.update(c,
                "UPDATE users SET password_hash = ? WHERE name = ?", passwordHash, key))) > 0;
    }

    @Override
    public void removeUser(Username name) throws UsersRepositoryException {
        String key = key(name);
        int removed = call("remove the user " + key, () -> database.inTransaction(c -> Jdbc.update(c,
                "DELETE FROM users WHERE name = ?", key)));
        if (removed == 0) {
            throw new UsersRepositoryException("User " + key + " does not exist");
        }
    }

    @Override
    public boolean contains(Username name) throws UsersRepositoryException {
        String key = key(name);
        return call("find the user " + key, () -> database.read(c -> Jdbc.one(c,
                "SELECT 1 FROM users WHERE name = ?", rs -> true, key))).isPresent();
    }

    @Override
    public int countUsers() throws UsersRepositoryException {
        return call("count the users", () -> database.read(c -> Jdbc.one(c,
                "SELECT COUNT(*) FROM users", rs -> rs.getInt(1)).orElse(0)));
    }

    @Override
    public Iterator<Username> list() throws UsersRepositoryException {
        return call("list the users", () -> database.read(c -> Jdbc.list(c,
                "SELECT name FROM users ORDER BY name", rs -> Username.of(rs.getString(1))))).iterator();
    }

    /** James compares user names without case; they are stored in lower case. */
    private static String key(Username name) {
        return name.asString().toLowerCase(Locale.US);
    }

    private static <T> T call(String what, Supplier<T> work) throws UsersRepositoryException {
        return DatabaseException.translated(work, e -> new UsersRepositoryException("Could not " + what + ": " + e.getMessage(), e));
    }
}
