package org.facteur.webmail.config;

import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.serializer.JdkSerializationRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.data.redis.serializer.SerializationException;

/**
 * Session attributes in Redis, as Java serialization (Spring Session's default), except that an attribute this node
 * cannot read back (written by another version of Facteur during a rolling upgrade, or damaged) counts as absent: the
 * member is asked to log in again instead of getting an error on every page until her session expires.
 */
final class ForgivingSessionSerializer implements RedisSerializer<Object> {
    private static final Logger LOG = LoggerFactory.getLogger(ForgivingSessionSerializer.class);
    private final JdkSerializationRedisSerializer jdk;
    private final AtomicBoolean told = new AtomicBoolean();

    ForgivingSessionSerializer(ClassLoader classLoader) {
        this.jdk = new JdkSerializationRedisSerializer(classLoader);
    }

    @Override
    public byte[] serialize(Object value) {
        return jdk.serialize(value);
    }

    @Override
    public Object deserialize(byte[] bytes) {
        try {
            return jdk.deserialize(bytes);
        } catch (SerializationException e) {
            if (told.compareAndSet(false, true)) {
                LOG.info("A webmail session attribute in Redis could not be read ({}); treated as absent (log in again)",
                        e.getMessage());
            }
            return null;
        }
    }
}
