package io.callhook.db.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Asserts which SQLState a statement failed with: the constraint doing the work, not just "some exception". */
final class SqlStates {

    static final String UNIQUE_VIOLATION = "23505";
    static final String CHECK_VIOLATION = "23514";
    static final String FOREIGN_KEY_VIOLATION = "23503";
    static final String NOT_NULL_VIOLATION = "23502";

    private SqlStates() {
    }

    static void assertFailsWith(String sqlState, String constraint, ThrowingCallable statement) {
        assertThatThrownBy(statement).satisfies(failure -> {
            SQLException sql = sqlException(failure);
            if (sql == null) {
                throw new AssertionError("no SQLException in the cause chain of " + failure, failure);
            }
            assertThat(sql.getSQLState()).as(sql.getMessage()).isEqualTo(sqlState);
            if (constraint != null) {
                assertThat(sql.getMessage()).contains(constraint);
            }
        });
    }

    private static SQLException sqlException(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }
}
