package io.centrasync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Phase (d): how much of a store's rate-limit budget a backfill uses. The simulator enforces Centra's
 * Growth plan; after a full backfill it reports what it admitted and refused ({@code GET /admin/rate-limits}).
 * A token bucket that starts full allows its quota plus quota x elapsed / interval; the bucket with the
 * highest use is the binding one.
 */
final class BudgetCheck {

    /** One bucket's figures. */
    record Bucket(String name, long used, double allowed) {
        double use() {
            return allowed <= 0 ? 0 : used / allowed;
        }
    }

    /** The result: the buckets, binding one first, and the 429s the simulator answered. */
    record Result(int orders, double seconds, List<Bucket> buckets, long refused) {
        Bucket binding() {
            return buckets.get(0);
        }
    }

    private BudgetCheck() {
    }

    /** Reads the simulator's usage after a run of {@code seconds} and works out each bucket's use. */
    static Result read(String endpoint, String token, int orders, double seconds) throws IOException, InterruptedException {
        URI uri = URI.create(endpoint).resolve("/admin/rate-limits");
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("the simulator answered HTTP " + response.statusCode() + " to " + uri);
        }
        return of(new ObjectMapper().readTree(response.body()), orders, seconds);
    }

    /** The buckets' use from the simulator's {@code /admin/rate-limits} answer, binding bucket first. */
    static Result of(JsonNode u, int orders, double seconds) {
        long requests = u.path("admittedRequests").asLong();
        long complexity = u.path("admittedComplexity").asLong();
        List<Bucket> buckets = new ArrayList<>(List.of(
                bucket("complexity / 10 s", complexity, u.path("complexityPer10s").asLong(), 10, seconds),
                bucket("requests / 10 s", requests, u.path("requestsPer10s").asLong(), 10, seconds),
                bucket("complexity / hour", complexity, u.path("complexityPerHour").asLong(), 3600, seconds),
                bucket("requests / hour", requests, u.path("requestsPerHour").asLong(), 3600, seconds)));
        buckets.removeIf(b -> b.allowed() <= 0);
        buckets.sort(Comparator.comparingDouble(Bucket::use).reversed());
        return new Result(orders, seconds, buckets, u.path("refused").asLong());
    }

    private static Bucket bucket(String name, long used, long quota, int intervalSeconds, double seconds) {
        return new Bucket(name, used, quota <= 0 ? 0 : quota + quota * seconds / intervalSeconds);
    }

    static void print(PrintStream out, Result r) {
        out.printf("%nd: budget use of a backfill of %,d orders (H2) against the simulator enforcing Centra's Growth plan"
                + " (60 requests and 250,000 complexity per 10 s; 5,000 requests and 30M complexity per hour), %.1f s:%n",
                r.orders(), r.seconds());
        out.printf("   %-20s %14s %14s %7s%n", "bucket", "used", "allowed", "use");
        for (Bucket b : r.buckets()) {
            out.printf("   %-20s %,14d %,14.0f %6.1f%%%s%n", b.name(), b.used(), b.allowed(), 100 * b.use(),
                    b == r.binding() ? "  <- binding" : "");
        }
        out.printf("   429 answers: %d%n", r.refused());
    }
}
