package io.centrasync.it;

import io.centrasync.camel.SyncApplication;
import io.centrasync.run.SyncRun;
import org.apache.camel.builder.AdviceWith;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Makes an entity's run fail right after the write that brought it to {@code pages} committed pages or more, as a
 * crash there would leave it. Counted in pages, not writes: pages that wait are written together (up to 3 at once),
 * so the run may stand at up to {@code pages + 2}.
 */
final class CrashAfterPages {

    private CrashAfterPages() {
    }

    static void install(SyncApplication app, String entity, int pages, String message) throws Exception {
        AtomicBoolean crashed = new AtomicBoolean();
        AdviceWith.adviceWith(app.context(), "centra-" + entity, a -> a.weaveById("write-page").after().process(e -> {
            if (e.getVariable("run", SyncRun.class).pages() >= pages && crashed.compareAndSet(false, true)) {
                throw new IllegalStateException(message);
            }
        }));
    }
}
