package io.callhook.db.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.UUID;
import org.jdbi.v3.core.argument.Argument;

/**
 * Conversions between column values and Java values shared by the repositories. Timestamps travel as
 * {@code OffsetDateTime} in UTC (never through {@code java.sql.Timestamp} and the JVM's default zone); enums as their
 * lower-case names.
 */
final class SqlValues {

    private SqlValues() {
    }

    /** A {@code timestamptz} argument; {@code NULL} for {@code null}. */
    static Argument timestamp(Instant value) {
        return (position, statement, context) -> {
            if (value == null) {
                statement.setNull(position, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                statement.setObject(position, value.atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
            }
        };
    }

    /** A {@code time} argument with microseconds (JDBC's {@code java.sql.Time} would drop them). */
    static Argument time(LocalTime value) {
        return (position, statement, context) -> {
            if (value == null) {
                statement.setNull(position, Types.TIME);
            } else {
                statement.setObject(position, value, Types.TIME);
            }
        };
    }

    /** A {@code uuid} argument that may be {@code NULL} (JDBI would type a null {@code UUID} as varchar). */
    static Argument nullableUuid(UUID value) {
        return (position, statement, context) -> {
            if (value == null) {
                statement.setNull(position, Types.OTHER);
            } else {
                statement.setObject(position, value);
            }
        };
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static LocalTime localTime(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, LocalTime.class);
    }

    static UUID uuid(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    static Integer integer(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    static Long bigint(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    static Boolean bool(ResultSet rs, String column) throws SQLException {
        boolean value = rs.getBoolean(column);
        return rs.wasNull() ? null : value;
    }

    /** The lower-case name stored for an enum constant, or {@code null}. */
    static String name(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }

    /** The enum constant stored under a lower-case name, or {@code null}. */
    static <E extends Enum<E>> E constant(Class<E> type, String stored) {
        return stored == null ? null : Enum.valueOf(type, stored.toUpperCase(Locale.ROOT));
    }

    static <E extends Enum<E>> E constant(Class<E> type, ResultSet rs, String column) throws SQLException {
        return constant(type, rs.getString(column));
    }
}
