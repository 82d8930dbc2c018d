package io.centrasync.centra;

import org.apache.hc.core5.http.HttpResponseInterceptor;

/**
 * What happens between us and Centra, for the metrics: every HTTP answer with its status, and every retry. The HTTP
 * client tells {@link #interceptor} of each answer; whose request it was, the thread says ({@link #requesting}, set
 * by the rate budget right before each request, on the thread that sends it).
 */
public interface CentraEvents {

    /** Entity whose request the current thread sends next (camel-graphql sends on the calling thread). */
    ThreadLocal<String> REQUESTING = new ThreadLocal<>();

    /** The entity Centra answered, and the HTTP status. */
    void answered(String entity, int status);

    /** A request of the entity is about to be retried. */
    void retried(String entity);

    /** Events that go nowhere. */
    CentraEvents NONE = new CentraEvents() {
        @Override
        public void answered(String entity, int status) {
        }

        @Override
        public void retried(String entity) {
        }
    };

    /** The requests the current thread sends from now on are the entity's. */
    static void requesting(String entity) {
        REQUESTING.set(entity);
    }

    /** An HTTP client interceptor that tells {@code events.get()} of each answer (the events may be set later). */
    static HttpResponseInterceptor interceptor(java.util.function.Supplier<CentraEvents> events) {
        return (response, details, context) -> {
            String entity = REQUESTING.get();
            events.get().answered(entity == null ? "unknown" : entity, response.getCode());
        };
    }
}
