package io.centrasync.camel;

import io.centrasync.run.ConfigException;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * The port {@code run} serves health and metrics on. Camel logs a taken port and runs on without
 * health, so it is tried here first: an orchestrator would otherwise restart a healthy connector.
 */
final class ManagementPort {

    static final String HOST = "camel.management.host";
    static final String PORT = "camel.management.port";

    private ManagementPort() {
    }

    /** Binds and releases the port; a taken port or unknown host is a {@link ConfigException}. */
    static void checkFree(Settings settings) {
        String host = settings.get(HOST);
        int port = settings.getInt(PORT, 1, 65535);
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw Settings.invalid(HOST, "an address of this machine", host);
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(address);
        } catch (IOException e) {
            throw new ConfigException("setting " + Settings.describe(PORT) + " is " + port + ", which cannot be bound on " + host
                    + " for health and metrics (" + e.getMessage() + "): free the port or choose another");
        }
    }
}
