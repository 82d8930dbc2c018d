package io.centrasync.store;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * The process a run row names as its owner: the node (host name), the process id, and when that
 * process started (a pid is reused once its process is gone; the start tells the two apart). Host
 * names are assumed to be unique among the processes that share a database.
 */
public record RunOwner(String node, Long pid, Instant processStartedAt) {

    /** Start instants read back from the database may be rounded; two processes with one pid never start this close. */
    private static final Duration SAME_START = Duration.ofSeconds(1);

    private static final class Holder {
        /** computed on first use: resolving the host name may take a moment */
        static final RunOwner CURRENT = new RunOwner(hostName(), ProcessHandle.current().pid(),
                ProcessHandle.current().info().startInstant().map(i -> i.truncatedTo(ChronoUnit.MILLIS)).orElse(null));
    }

    public static RunOwner current() {
        return Holder.CURRENT;
    }

    public boolean isCurrentProcess() {
        RunOwner me = current();
        return me.node.equals(node) && Objects.equals(me.pid, pid) && sameStart(me.processStartedAt);
    }

    /**
     * Whether the owner is certainly gone: it ran on this node, and its process no longer runs (or its
     * pid belongs to a later process). Says nothing of a process on another node (false).
     */
    public boolean goneFromThisNode() {
        if (pid == null || !current().node.equals(node)) {
            return false;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            return true;
        }
        return !sameStart(process.get().info().startInstant().orElse(null));
    }

    /** Unknown starts (a platform that does not tell) count as the same: never take a live process for a gone one. */
    private boolean sameStart(Instant other) {
        return processStartedAt == null || other == null
                || Duration.between(processStartedAt, other).abs().compareTo(SAME_START) < 0;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            // the host name does not resolve: the environment still knows it on most systems
            String env = Optional.ofNullable(System.getenv("HOSTNAME")).orElse(System.getenv("COMPUTERNAME"));
            return env == null || env.isBlank() ? "unknown" : env;
        }
    }
}
