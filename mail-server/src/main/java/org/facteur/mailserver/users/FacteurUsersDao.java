package org.facteur.mailserver.users;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.EntityTransaction;
import javax.persistence.PersistenceException;

import org.apache.james.core.Username;
import org.apache.james.user.api.UsersRepositoryException;
import org.apache.james.user.api.model.User;
import org.apache.james.user.jpa.model.JPAUser;
import org.apache.james.user.lib.UsersDAO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Users in James's JPA table (JAMES_USER, entity {@code JamesUser}) with Facteur's {@link PasswordHashing}.
 * A row whose PASSWORD_HASH_ALGORITHM is {@value #PHC} holds a PHC string; older rows hold James's own
 * PBKDF2 digest and are read through {@link PasswordHashing#fromJames}. Stands until the store rewrite
 * (issue 9) replaces James's users table with Facteur's own.
 */
final class FacteurUsersDao implements UsersDAO {
    private static final Logger LOG = LoggerFactory.getLogger(FacteurUsersDao.class);
    /** PASSWORD_HASH_ALGORITHM of rows whose PASSWORD is a self-describing PHC string. */
    static final String PHC = "PHC";

    private final EntityManagerFactory entityManagers;
    private final PasswordHashing hashing;

    FacteurUsersDao(EntityManagerFactory entityManagers, PasswordHashing hashing) {
        this.entityManagers = entityManagers;
        this.hashing = hashing;
    }

    @Override
    public Optional<StoredUser> getUserByName(Username name) throws UsersRepositoryException {
        String user = key(name);
        List<?> rows = read("read user " + user, em -> em
                .createQuery("SELECT u.password, u.alg FROM JamesUser u WHERE u.name = :name")
                .setParameter("name", user)
                .getResultList());
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        String stored = (String) row[0];
        String algorithm = (String) row[1];
        return Optional.of(new StoredUser(Username.of(user), PHC.equals(algorithm) ? stored : fromJames(user, algorithm, stored),
                hashing));
    }

    @Override
    public void addUser(Username name, String password) throws UsersRepositoryException {
        String user = key(name);
        if (contains(name)) {
            throw new UsersRepositoryException(user + " already exists.");
        }
        String hash = hashing.hash(password);
        write("add user " + user, em -> {
            // James's entity hashes in its constructor; "NONE" keeps our hash as it is, then the row says PHC.
            em.persist(new JPAUser(user, hash, "NONE"));
            em.flush();
            return storeHash(em, user, hash);
        });
    }

    @Override
    public void updateUser(User user) throws UsersRepositoryException {
        if (!(user instanceof StoredUser stored)) {
            throw new UsersRepositoryException("not a user of this repository: " + user);
        }
        String name = key(stored.getUserName());
        int updated = write("update user " + name, em -> storeHash(em, name, stored.hash()));
        if (updated == 0) {
            throw new UsersRepositoryException("User " + name + " not found");
        }
    }

    /** Replaces the stored hash (after a successful login with an outdated one). */
    void updateHash(Username name, String hash) throws UsersRepositoryException {
        String user = key(name);
        write("rehash user " + user, em -> storeHash(em, user, hash));
    }

    @Override
    public void removeUser(Username name) throws UsersRepositoryException {
        String user = key(name);
        int removed = write("remove user " + user,
                em -> em.createNamedQuery("deleteUserByName").setParameter("name", user).executeUpdate());
        if (removed == 0) {
            throw new UsersRepositoryException("User " + user + " does not exist");
        }
    }

    @Override
    public boolean contains(Username name) throws UsersRepositoryException {
        String user = key(name);
        return read("find user " + user,
                em -> (Long) em.createNamedQuery("containsUser").setParameter("name", user).getSingleResult()) > 0;
    }

    @Override
    public int countUsers() throws UsersRepositoryException {
        return read("count users", em -> ((Long) em.createNamedQuery("countUsers").getSingleResult()).intValue());
    }

    @Override
    public Iterator<Username> list() throws UsersRepositoryException {
        List<?> names = read("list users", em -> em.createNamedQuery("listUserNames").getResultList());
        return names.stream().map(n -> Username.of((String) n)).toList().iterator();
    }

    /** A hash James wrote; one Facteur never configured cannot be checked, and never matches. */
    private static String fromJames(String user, String algorithm, String digest) {
        try {
            return PasswordHashing.fromJames(algorithm, user, digest);
        } catch (IllegalArgumentException e) {
            LOG.warn("The password of {} is stored with {}, which Facteur cannot check: set a new one", user, algorithm);
            return "!" + algorithm;
        }
    }

    private static int storeHash(EntityManager em, String user, String hash) {
        return em.createQuery("UPDATE JamesUser u SET u.password = :hash, u.alg = :alg WHERE u.name = :name")
                .setParameter("hash", hash)
                .setParameter("alg", PHC)
                .setParameter("name", user)
                .executeUpdate();
    }

    private static String key(Username name) {
        return name.asString().toLowerCase(Locale.US);
    }

    private <T> T read(String what, Function<EntityManager, T> query) throws UsersRepositoryException {
        EntityManager em = entityManagers.createEntityManager();
        try {
            return query.apply(em);
        } catch (PersistenceException e) {
            throw new UsersRepositoryException("Could not " + what, e);
        } finally {
            em.close();
        }
    }

    private <T> T write(String what, Function<EntityManager, T> change) throws UsersRepositoryException {
        EntityManager em = entityManagers.createEntityManager();
        EntityTransaction transaction = em.getTransaction();
        try {
            transaction.begin();
            T result = change.apply(em);
            transaction.commit();
            return result;
        } catch (PersistenceException e) {
            if (transaction.isActive()) {
                transaction.rollback();
            }
            throw new UsersRepositoryException("Could not " + what, e);
        } finally {
            em.close();
        }
    }
}
