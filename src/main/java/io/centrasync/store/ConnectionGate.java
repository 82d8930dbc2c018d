package io.centrasync.store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * Counts the connections out of a DataSource, and runs a task at a moment when none is: the task closes the
 * gate, waits a short while for the connections out to come back, and new ones wait until it is done. When they
 * do not all come back in time (a long transaction, or a thread that holds one connection and asks for a second)
 * the gate opens again and the task is skipped: better a compaction later than a stalled run.
 */
public final class ConnectionGate {

    private int out;
    private boolean closed;

    /** A task that needs the database to itself. */
    @FunctionalInterface
    public interface Task {
        void run() throws SQLException;
    }

    /** {@code dataSource}, its connections counted by this gate. */
    public DataSource guard(DataSource dataSource) {
        return new GatedDataSource(dataSource, this);
    }

    /**
     * Runs {@code task} once no connection is out, waiting at most {@code wait} for them; false (and the task not
     * run) when some are still out then.
     */
    public boolean whileIdle(Duration wait, Task task) throws SQLException, InterruptedException {
        synchronized (this) {
            closed = true;
            long end = System.nanoTime() + wait.toNanos();
            try {
                for (long left = wait.toNanos(); out > 0 && left > 0; left = end - System.nanoTime()) {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
            } catch (InterruptedException e) {
                open();
                throw e;
            }
            if (out > 0) {
                open();
                return false;
            }
        }
        try {
            task.run();
            return true;
        } finally {
            synchronized (this) {
                open();
            }
        }
    }

    private void open() {
        closed = false;
        notifyAll();
    }

    synchronized void enter() throws SQLException {
        try {
            while (closed) {
                wait();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while the database was being compacted", "08001", e);
        }
        out++;
    }

    synchronized void leave() {
        out--;
        if (out == 0) {
            notifyAll();
        }
    }

    /** A connection that gives its place at the gate back when it is closed (once, however often it is closed). */
    static Connection counted(Connection connection, ConnectionGate gate) {
        AtomicBoolean left = new AtomicBoolean();
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("close") && method.getParameterCount() == 0) {
                try {
                    connection.close();
                } finally {
                    if (left.compareAndSet(false, true)) {
                        gate.leave();
                    }
                }
                return null;
            }
            return invoke(connection, method, args);
        };
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
    }

    private static Object invoke(Connection connection, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(connection, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
