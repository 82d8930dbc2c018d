package io.centrasync.store;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source that plays a database outage on command: the next connections are refused, or the
 * connection breaks at commit (before it, nothing committed; or after it, the acknowledgement lost).
 */
final class FlakyDataSource implements DataSource {

    private final DataSource delegate;
    final AtomicInteger refuseConnections = new AtomicInteger();
    final AtomicInteger breakBeforeCommit = new AtomicInteger();
    final AtomicInteger breakAfterCommit = new AtomicInteger();

    FlakyDataSource(DataSource delegate) {
        this.delegate = delegate;
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (refuseConnections.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new SQLTransientConnectionException("test - Connection is not available, request timed out after 250ms");
        }
        Connection real = delegate.getConnection();
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
            if (method.getName().equals("commit")) {
                if (breakBeforeCommit.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    real.rollback();
                    throw new SQLNonTransientConnectionException("Connection is broken: \"connection reset\"", "90067", 90067);
                }
                if (breakAfterCommit.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    real.commit();
                    throw new SQLRecoverableException("connection lost while the commit was acknowledged", "08006");
                }
            }
            try {
                return method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    @Override
    public Connection getConnection(String username, String password) {
        throw new UnsupportedOperationException();
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }
}
