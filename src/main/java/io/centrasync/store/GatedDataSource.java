package io.centrasync.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** A DataSource whose connections pass a {@link ConnectionGate}: counted while out, held back while it is closed. */
final class GatedDataSource extends DelegatingDataSource {

    private final ConnectionGate gate;

    GatedDataSource(DataSource dataSource, ConnectionGate gate) {
        super(dataSource);
        this.gate = gate;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return counted(dataSource::getConnection);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return counted(() -> dataSource.getConnection(username, password));
    }

    private Connection counted(ConnectionSource source) throws SQLException {
        gate.enter();
        try {
            return ConnectionGate.counted(source.get(), gate);
        } catch (SQLException | RuntimeException e) {
            gate.leave();
            throw e;
        }
    }

    @FunctionalInterface
    private interface ConnectionSource {
        Connection get() throws SQLException;
    }
}
