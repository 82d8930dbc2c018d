package io.centrasync.mapping;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@code rate_limits.yaml}: Centra's names for its buckets live in an editable file, not in Java. */
class RateLimitsMappingTest {
    @TempDir
    Path dir;

    private static final String QUERY = "{ limits: rateLimits { kind: type window: intervalSeconds quota remainingQuota } }";

    private Path write(String yaml) throws Exception {
        Files.writeString(dir.resolve("limits.graphql"), QUERY);
        return Files.writeString(dir.resolve(RateLimitsMapping.FILE), yaml);
    }

    @Test
    void aFolderWithoutTheFileUsesTheBuiltInOneAndEntitiesIgnoreIt() throws Exception {
        Path defaults = Path.of("mappings/default");
        assertEquals(Files.readString(defaults.resolve("rate_limits.graphql")), RateLimitsMapping.builtin().queryText(),
                "the jar carries mappings/default's file");
        assertEquals(Path.of("built-in mappings/default/rate_limits.graphql"), RateLimitsMapping.load(dir).queryFile());
        assertEquals(defaults.resolve("rate_limits.graphql"), RateLimitsMapping.load(defaults).queryFile());
        assertEquals(List.of("inventory", "orders", "purchase_order_deliveries", "purchase_orders"),
                MappingLoader.loadAll(defaults).stream().map(EntityMapping::entity).toList());
    }

    @Test
    void centrasNamesComeFromTheFile() throws Exception {
        write("""
                query: limits.graphql
                records: data.limits[]
                fields: {type: kind, interval: window, quota: quota, remaining: remainingQuota}
                intervals: {TEN: 10, HOUR: 3600}
                types: {REQ: requests, COST: complexity}
                """);
        RateLimitsMapping m = RateLimitsMapping.load(dir);
        assertEquals(List.of(new RateLimit(BucketKind.REQUESTS, 10, 5, 4),
                        new RateLimit(BucketKind.COMPLEXITY, 3600, 900, 10)),
                m.limits(Fixtures.json("""
                        {"data":{"limits":[{"kind":"REQ","window":"TEN","quota":5,"remainingQuota":4},
                          {"kind":"COST","window":"HOUR","quota":900,"remainingQuota":10},
                          {"kind":"REQUEST_COUNT","window":"TEN","quota":60,"remainingQuota":60},
                          {"kind":"REQ","window":"ONE_MINUTE","quota":60,"remainingQuota":60}]}}""")));
    }

    @Test
    void eachProblemIsOneLineWithFileAndLine() throws Exception {
        write("""
                query: limits.graphql
                records: data.rateLimits[]
                fields: {type: kind, interval: window, quota: quota, remaining: left}
                intervals: {TEN: ten}
                types: {REQ: request}
                """);
        MappingException e = assertThrows(MappingException.class, () -> RateLimitsMapping.load(dir));
        String file = dir.resolve(RateLimitsMapping.FILE) + ":";
        assertEquals(List.of(
                file + "2: records 'data.rateLimits[]' is not selected by limits.graphql (no top-level field 'rateLimits')",
                file + "4: intervals.TEN must be a whole number, not 'ten'",
                file + "5: types.REQ: 'request' is not one of our buckets (requests, complexity)"), e.problems());
    }
}
