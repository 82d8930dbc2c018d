package io.centrasync.store;

import io.centrasync.mapping.ColumnType;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** Binds mapped values (already converted by the mapper) as statement parameters: never spliced into SQL. */
public final class ValueBinder {

    private ValueBinder() {
    }

    public static void bind(PreparedStatement ps, int index, Object value, ColumnType type) throws SQLException {
        if (value == null) {
            ps.setNull(index, sqlType(type));
            return;
        }
        switch (type) {
            case DECIMAL -> ps.setBigDecimal(index, value instanceof BigDecimal d ? d : new BigDecimal(value.toString()));
            case TIMESTAMP -> ps.setObject(index, (OffsetDateTime) value);
            case DATE -> ps.setObject(index, (LocalDate) value);
            case INT -> ps.setInt(index, ((Number) value).intValue());
            case LONG -> ps.setLong(index, ((Number) value).longValue());
            case BOOLEAN -> ps.setBoolean(index, (Boolean) value);
            case JSON -> ps.setString(index, NulCharacters.inJson(value.toString()));
            default -> ps.setString(index, NulCharacters.inText(value.toString()));
        }
    }

    /**
     * Reads a value back as the mapper produces it. Drivers differ in what {@code getObject} returns
     * for a time zone column (H2: OffsetDateTime, pgjdbc: Timestamp), so times and dates are asked for by class.
     */
    static Object read(ResultSet rs, int index, ColumnType type) throws SQLException {
        return switch (type) {
            case TIMESTAMP -> rs.getObject(index, OffsetDateTime.class);
            case DATE -> rs.getObject(index, LocalDate.class);
            default -> rs.getObject(index);
        };
    }

    static int sqlType(ColumnType type) {
        return switch (type) {
            case STRING, JSON -> Types.VARCHAR;
            case INT -> Types.INTEGER;
            case LONG -> Types.BIGINT;
            case DECIMAL -> Types.NUMERIC;
            case BOOLEAN -> Types.BOOLEAN;
            case TIMESTAMP -> Types.TIMESTAMP_WITH_TIMEZONE;
            case DATE -> Types.DATE;
        };
    }
}
