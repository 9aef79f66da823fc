package io.callhook.db.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * Counts what a piece of code asks of PostgreSQL, at the JDBC boundary: every statement it prepares or executes, every
 * commit and rollback, and every isolation-level read or change (pgjdbc answers each of those with a round trip of its
 * own, invisible to a JDBI {@code SqlLogger}). A deterministic stand-in for "how many round trips does a webhook cost",
 * so that a change that adds statements fails a test instead of a benchmark.
 *
 * <pre>{@code
 * StatementCounter counter = StatementCounter.over(db.dataSource());
 * IngestionService ingestion = new IngestionService(new PostgresUnitOfWork(counter.jdbi()), clock);
 * counter.reset();
 * ingestion.ingest(delivery);
 * assertThat(counter.statements()).hasSize(7);
 * }</pre>
 *
 * <p>Each entry of {@link #roundTrips()} is the statement's SQL on one line, cut after 60 characters (enough for a failing
 * assertion to show which statement came or went), or {@link #COMMIT}, {@link #ROLLBACK}, {@link #SHOW_ISOLATION},
 * {@link #SET_ISOLATION}.
 * Thread-safe; counts across all threads.
 */
public final class StatementCounter {

    /** Entries for the JDBC calls that cost a round trip without SQL of ours. */
    public static final String COMMIT = "COMMIT";
    public static final String ROLLBACK = "ROLLBACK";
    public static final String SHOW_ISOLATION = "SHOW TRANSACTION ISOLATION LEVEL";
    public static final String SET_ISOLATION = "SET TRANSACTION ISOLATION LEVEL";

    private static final Set<String> EXECUTIONS = Set.of("execute", "executeQuery", "executeUpdate",
            "executeLargeUpdate", "executeBatch", "executeLargeBatch");

    private final DataSource target;
    private final List<String> entries = new ArrayList<>();
    private final DataSource counted;

    private StatementCounter(DataSource target) {
        this.target = target;
        this.counted = (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object result = invoke(target, method, args);
                    return result instanceof Connection connection ? connection(connection) : result;
                });
    }

    /** A counter in front of {@code target}; use {@link #dataSource()} or {@link #jdbi()} instead of the target. */
    public static StatementCounter over(DataSource target) {
        return new StatementCounter(target);
    }

    /** Connections from the target whose statements are counted. */
    public DataSource dataSource() {
        return counted;
    }

    /** A plain {@code Jdbi} over {@link #dataSource()}. */
    public Jdbi jdbi() {
        return Jdbi.create(counted);
    }

    /** Forgets everything counted so far (e.g. after arranging the test's data). */
    public synchronized void reset() {
        entries.clear();
    }

    /** Everything counted since the last {@link #reset()}, in order. */
    public synchronized List<String> roundTrips() {
        return List.copyOf(entries);
    }

    /** The SQL statements among {@link #roundTrips()}: neither commits, rollbacks nor isolation-level calls. */
    public synchronized List<String> statements() {
        return entries.stream()
                .filter(e -> !e.equals(COMMIT) && !e.equals(ROLLBACK) && !e.equals(SHOW_ISOLATION)
                        && !e.equals(SET_ISOLATION))
                .toList();
    }

    @Override
    public String toString() {
        return "StatementCounter[" + target + "]";
    }

    private synchronized void count(String entry) {
        entries.add(entry);
    }

    private Connection connection(Connection connection) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "commit" -> count(COMMIT);
                        case "rollback" -> count(ROLLBACK);
                        case "getTransactionIsolation" -> count(SHOW_ISOLATION);
                        case "setTransactionIsolation" -> count(SET_ISOLATION);
                        default -> { }
                    }
                    Object result = invoke(connection, method, args);
                    if (result instanceof Statement statement) {
                        // a prepared statement is counted when executed, with the SQL it was prepared from
                        String preparedSql = args != null && args.length > 0 && args[0] instanceof String sql ? sql : null;
                        return statement(statement, method.getReturnType(), preparedSql);
                    }
                    return result;
                });
    }

    private Object statement(Statement statement, Class<?> type, String preparedSql) {
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (EXECUTIONS.contains(method.getName())) {
                String sql = args != null && args.length > 0 && args[0] instanceof String given ? given : preparedSql;
                count(describe(sql));
            }
            return invoke(statement, method, args);
        });
    }

    private static String describe(String sql) {
        if (sql == null) {
            return "<unknown statement>";
        }
        String oneLine = sql.strip().replaceAll("\\s+", " ");
        return oneLine.length() > 60 ? oneLine.substring(0, 60) : oneLine;
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
