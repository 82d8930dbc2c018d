package io.centrasync.bench;

/** Started right before the timed part of a phase: memory peaks and CPU of this JVM, the simulator and PostgreSQL. */
final class PhaseMeter {

    private final ResourceMonitor memory = new ResourceMonitor();
    private final long simulatorPid;
    private final double connector0 = CpuClock.thisProcess();
    private final double simulator0;
    private final double database0 = CpuClock.processesNamed("postgres");

    PhaseMeter(long simulatorPid) {
        this.simulatorPid = simulatorPid;
        this.simulator0 = CpuClock.process(simulatorPid);
    }

    PhaseResult stop(long records, long rows, long nanos) {
        PhaseResult.Cpu cpu = new PhaseResult.Cpu(delta(connector0, CpuClock.thisProcess()),
                delta(simulator0, CpuClock.process(simulatorPid)), delta(database0, CpuClock.processesNamed("postgres")));
        ResourceMonitor.Peaks peaks = memory.stop();
        return new PhaseResult(records, rows, nanos / 1e9, peaks.heapMb(), peaks.heapAfterGcMb(), peaks.rssMb(), cpu);
    }

    private static double delta(double before, double after) {
        return before < 0 || after < 0 ? -1 : after - before;
    }
}
