package org.facteur.mailserver.store.users;

import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.user.api.UsersRepositoryException;
import org.apache.james.user.lib.UsersRepositoryImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * James's users repository on {@link SqlUsersDao}. Every password check of SMTP AUTH and IMAP LOGIN comes
 * through {@link #test}: a right password stored in an outdated format is hashed again, in the current one
 * ({@link PasswordHashes#needsRehash}); a wrong password never changes anything.
 */
public final class SqlUsersRepository extends UsersRepositoryImpl<SqlUsersDao> {
    private static final Logger LOG = LoggerFactory.getLogger(SqlUsersRepository.class);

    private final PasswordHashes hashes;

    @Inject
    public SqlUsersRepository(DomainList domains, SqlUsersDao users, PasswordHashes hashes) {
        super(domains, users);
        this.hashes = hashes;
    }

    @Override
    public boolean test(Username name, String password) throws UsersRepositoryException {
        Optional<StoredUser> user = usersDAO.getUserByName(name);
        if (user.isEmpty()) {
            return hashes.verifyDecoy(password);
        }
        if (!user.get().verifyPassword(password)) {
            return false;
        }
        if (hashes.needsRehash(user.get().passwordHash())) {
            try {
                usersDAO.replaceHash(user.get().getUserName(), hashes.hash(password));
                LOG.info("The password hash of {} was upgraded to the current format", user.get().getUserName().asString());
            } catch (UsersRepositoryException e) {
                LOG.warn("Could not upgrade the password hash of {}; the login goes on", user.get().getUserName().asString(), e);
            }
        }
        return true;
    }
}
