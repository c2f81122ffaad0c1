package org.facteur.mailserver.users;

import java.util.Optional;

import javax.inject.Inject;
import javax.persistence.EntityManagerFactory;

import org.apache.james.core.Username;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.user.api.UsersRepositoryException;
import org.apache.james.user.lib.UsersRepositoryImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * James's users repository on {@link FacteurUsersDao}: every password check of SMTP AUTH and IMAP (the
 * webmail logs in over IMAP) comes here, and a successful check against an outdated hash stores the
 * current one. A wrong password never rewrites anything; an unknown address costs a check all the same.
 */
public final class FacteurUsersRepository extends UsersRepositoryImpl<FacteurUsersDao> {
    private static final Logger LOG = LoggerFactory.getLogger(FacteurUsersRepository.class);
    private final PasswordHashing hashing;

    @Inject
    public FacteurUsersRepository(DomainList domains, EntityManagerFactory entityManagers) {
        this(domains, entityManagers, PasswordHashing.ARGON2ID);
    }

    FacteurUsersRepository(DomainList domains, EntityManagerFactory entityManagers, PasswordHashing hashing) {
        super(domains, new FacteurUsersDao(entityManagers, hashing));
        this.hashing = hashing;
    }

    @Override
    public boolean test(Username name, String password) throws UsersRepositoryException {
        Optional<StoredUser> user = usersDAO.getUserByName(name);
        if (user.isEmpty()) {
            return hashing.verifyDecoy(password);
        }
        String stored = user.get().hash();
        if (!hashing.verify(password, stored)) {
            return false;
        }
        if (hashing.needsRehash(stored)) {
            try {
                usersDAO.updateHash(name, hashing.hash(password));
                LOG.info("Password hash of {} upgraded to the current format", name.asString());
            } catch (UsersRepositoryException e) {
                LOG.warn("Could not upgrade the password hash of {}; the login goes on", name.asString(), e);
            }
        }
        return true;
    }
}
