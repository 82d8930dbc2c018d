package io.centrasync.store;

import io.centrasync.mapping.ColumnType;

import java.sql.Types;
import java.util.Set;

/**
 * What a changed mapped type asks of an existing column: nothing (it holds every value of the type), a
 * widening that loses no value (integer to a wider integer or to decimal, bounded text to unbounded text),
 * or a migration only a person can decide (a narrowing or a change of kind, e.g. text to int).
 */
enum ColumnWidening {
    HOLDS, WIDEN, INCOMPATIBLE;

    private static final Set<Integer> SMALL_INTEGERS = Set.of(Types.TINYINT, Types.SMALLINT);
    private static final Set<Integer> INTEGERS = Set.of(Types.TINYINT, Types.SMALLINT, Types.INTEGER);
    private static final Set<Integer> INTEGERS_AND_BIGINT = Set.of(Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT);
    private static final Set<Integer> BOUNDED_TEXT = Set.of(Types.VARCHAR, Types.NVARCHAR);
    /**
     * Below this declared length a text column was given a limit ({@code VARCHAR(n)}); unbounded text reports
     * the database's maximum (H2: 1,000,000,000; PostgreSQL: 2,147,483,647).
     */
    private static final int UNBOUNDED_TEXT_SIZE = 1_000_000_000;

    /** What the column ({@code jdbcType}, declared {@code size}) needs to store every value of {@code mapped}. */
    static ColumnWidening of(int jdbcType, int size, ColumnType mapped) {
        if (mapped == ColumnType.STRING && BOUNDED_TEXT.contains(jdbcType) && size > 0 && size < UNBOUNDED_TEXT_SIZE) {
            return WIDEN;
        }
        if (SchemaManager.holds(jdbcType, mapped)) {
            return HOLDS;
        }
        Set<Integer> widenable = switch (mapped) {
            case INT -> SMALL_INTEGERS;
            case LONG -> INTEGERS;
            case DECIMAL -> INTEGERS_AND_BIGINT;
            default -> Set.of();
        };
        return widenable.contains(jdbcType) ? WIDEN : INCOMPATIBLE;
    }
}
