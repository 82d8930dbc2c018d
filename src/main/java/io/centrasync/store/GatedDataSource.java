package io.centrasync.store;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** A DataSource whose connections pass a {@link ConnectionGate}: counted while out, held back while it is closed. */
final class GatedDataSource implements DataSource {

    private final DataSource dataSource;
    private final ConnectionGate gate;

    GatedDataSource(DataSource dataSource, ConnectionGate gate) {
        this.dataSource = dataSource;
        this.gate = gate;
    }

    @Override
    public Connection getConnection() throws SQLException {
        gate.enter();
        try {
            return ConnectionGate.counted(dataSource.getConnection(), gate);
        } catch (SQLException | RuntimeException e) {
            gate.leave();
            throw e;
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        gate.enter();
        try {
            return ConnectionGate.counted(dataSource.getConnection(username, password), gate);
        } catch (SQLException | RuntimeException e) {
            gate.leave();
            throw e;
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return dataSource.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        dataSource.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        dataSource.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return dataSource.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return dataSource.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(dataSource) ? type.cast(dataSource) : dataSource.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(dataSource) || dataSource.isWrapperFor(type);
    }
}
