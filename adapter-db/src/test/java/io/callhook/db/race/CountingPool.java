package io.callhook.db.race;

import io.callhook.db.testing.TestDatabase;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.apache.tomcat.jdbc.pool.PoolProperties;
import org.jdbi.v3.core.Jdbi;

/**
 * A connection pool of its own on a test schema (tomcat-jdbc, the pool Dropwizard gives the server), as large as the
 * number of racing threads so that every thread holds a connection of its own, opened up front so that the race is
 * not a race to open connections. Two pools share nothing but the database: two of them are two servers.
 *
 * <p>Counts the connections borrowed: {@code PostgresUnitOfWork} borrows one per transaction attempt, so borrowed
 * minus units of work run is the number of transactions PostgreSQL rolled back (deadlock, serialization failure)
 * that the unit of work then ran again.
 *
 * <p>When the test user is a superuser, the pool's connections look for deadlocks after
 * {@value #DEADLOCK_TIMEOUT_MILLIS} ms instead of PostgreSQL's default second: a deadlocked transaction is rolled back
 * sooner, which keeps races with many deadlocks quick.
 */
final class CountingPool implements DataSource, AutoCloseable {

    static final int DEADLOCK_TIMEOUT_MILLIS = 100;

    private final org.apache.tomcat.jdbc.pool.DataSource pool;
    private final AtomicLong borrowed = new AtomicLong();
    private final ThreadLocal<long[]> borrowedByThread = ThreadLocal.withInitial(() -> new long[1]);

    private CountingPool(org.apache.tomcat.jdbc.pool.DataSource pool) {
        this.pool = pool;
    }

    static CountingPool open(TestDatabase db, int size) {
        PoolProperties properties = new PoolProperties();
        if (isSuperuser(db)) {
            // Only how soon PostgreSQL looks for a deadlock (default 1 s), not whether it finds one or which transaction
            // it rolls back: with the default, every deadlock of a race costs a second of waiting. Superuser only.
            properties.setInitSQL("SET deadlock_timeout = '" + DEADLOCK_TIMEOUT_MILLIS + "ms'");
        }
        properties.setName("race-" + size);
        properties.setUrl(db.jdbcUrl());
        properties.setDriverClassName("org.postgresql.Driver");
        properties.setUsername(db.user());
        if (!db.password().isEmpty()) {
            properties.setPassword(db.password());
        }
        properties.setInitialSize(size);
        properties.setMinIdle(size);
        properties.setMaxIdle(size);
        properties.setMaxActive(size);
        properties.setMaxWait((int) Race.TIMEOUT.toMillis());
        properties.setRollbackOnReturn(true);
        properties.setJmxEnabled(false);
        org.apache.tomcat.jdbc.pool.DataSource pool = new org.apache.tomcat.jdbc.pool.DataSource(properties);
        try {
            pool.createPool();
        } catch (SQLException e) {
            pool.close(true);
            throw new IllegalStateException("Could not open a pool of " + size + " connections on " + db, e);
        }
        return new CountingPool(pool);
    }

    Jdbi jdbi() {
        return Jdbi.create(this);
    }

    long borrowed() {
        return borrowed.get();
    }

    /** Connections borrowed so far by the calling thread. */
    long borrowedByThisThread() {
        return borrowedByThread.get()[0];
    }

    private static boolean isSuperuser(TestDatabase db) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
                .mapTo(Boolean.class).one());
    }

    private Connection counted(Connection connection) {
        borrowed.incrementAndGet();
        borrowedByThread.get()[0]++;
        return connection;
    }

    @Override
    public void close() {
        pool.close(true);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return counted(pool.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return counted(pool.getConnection(username, password));
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : pool.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || pool.isWrapperFor(type);
    }
}
