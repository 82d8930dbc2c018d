package io.centrasync.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * One store's view of a pool that several stores share: each connection is set to the store's schema when it is
 * taken (HikariCP sets it back when it is returned), so one pool serves many schemas and one store's tables never
 * mix with another's.
 */
public final class SchemaDataSource extends DelegatingDataSource {

    private final String schema;

    private SchemaDataSource(DataSource dataSource, String schema) {
        super(dataSource);
        this.schema = schema;
    }

    /** {@code schema} of the database behind {@code pool}, created if missing. */
    public static SchemaDataSource of(DataSource pool, Dialect dialect, String schema) {
        DatabaseSchemas.validName(schema);
        try (Connection c = pool.getConnection()) {
            DatabaseSchemas.createIfMissing(c, schema, dialect);
        } catch (SQLException e) {
            throw new SinkException("cannot use schema " + schema + ": " + e.getMessage(), e);
        }
        return new SchemaDataSource(pool, dialect.metadataName(schema));
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection c = dataSource.getConnection();
        try {
            c.setSchema(schema);
            return c;
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    public String schema() {
        return schema;
    }
}
