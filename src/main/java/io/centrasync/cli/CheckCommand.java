package io.centrasync.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import graphql.introspection.IntrospectionQuery;
import io.centrasync.camel.ExitCode;
import io.centrasync.camel.Settings;
import io.centrasync.camel.TokenSource;
import io.centrasync.centra.CentraHttpClients;
import io.centrasync.centra.Failures;
import io.centrasync.centra.GraphQLPost;
import io.centrasync.centra.PageRequests;
import io.centrasync.centra.RateLimitsReader;
import io.centrasync.mapping.BucketKind;
import io.centrasync.mapping.EntityMapping;
import io.centrasync.mapping.PagingSpec;
import io.centrasync.mapping.QuerySchemaCheck;
import io.centrasync.mapping.RateLimit;
import io.centrasync.run.ConfigException;
import io.centrasync.run.SyncRun;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code check}: whether the token, its permissions and the active queries fit the store, before a first run.
 * Reaches the endpoint with the token, introspects the store's schema and checks every query against it
 * (file:line and the nearest name), runs each entity's query once with a page size of 1 (and once with 2, so that
 * the cost of a full page follows from the two), reports the permissions each used and those the token lacks, and
 * what a full page costs against the store's complexity quotas ({@code rateLimits}).
 * Exit 0 when all is well, 2 on a mismatch in our files, 1 when the store cannot be reached or refuses.
 */
final class CheckCommand {
    static final String USAGE = "check (reads CENTRA_ENDPOINT, CENTRA_TOKEN or CENTRA_TOKEN_FILE, MAPPINGS_DIR and ROUTES_DIR as sync does)";
    private static final Pattern NEEDS = Pattern.compile("You need (\\S+) permission");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CloseableHttpClient http;
    private final URI endpoint;
    private final PrintStream out;
    /** Problems in our files (exit 2) and problems of the store or the token (exit 1), one line each, each once. */
    private final Set<String> ours = new LinkedHashSet<>();
    private final Set<String> store = new LinkedHashSet<>();
    private final Set<String> permissions = new TreeSet<>();

    private CheckCommand(CloseableHttpClient http, URI endpoint, PrintStream out) {
        this.http = http;
        this.endpoint = endpoint;
        this.out = out;
    }

    /** What one entity's query cost at page sizes 1 and 2 (null: not reported, or a single request). */
    private record Cost(EntityMapping mapping, Long atOne, Long atTwo) {
    }

    /** The store refused or could not be reached: one line, exit 1, nothing more to ask. */
    private static final class Unreachable extends Exception {
        Unreachable(String line) {
            super(line, null, false, false);
        }
    }

    static int run(List<String> args, Settings settings, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.equals(List.of("--help"))) {
            out.println("usage: " + USAGE);
            out.println("exit codes: 0 all is well, 1 the store cannot be reached or refuses (the token, a permission),"
                    + " 2 a mismatch in our files (settings, routes, mappings, queries)");
            return ExitCode.OK;
        }
        if (!args.isEmpty()) {
            throw new ConfigException("check: unknown argument " + args.get(0) + " (usage: " + USAGE + ")");
        }
        ActiveFiles files = ActiveFiles.read(settings);
        if (!files.problems().isEmpty()) {
            files.problems().forEach(err::println);
            err.println(count(files.problems().size()) + " in the settings, routes or mappings; the store was not asked");
            return ExitCode.CONFIG;
        }
        String token = TokenSource.resolve(env);
        URI endpoint = URI.create(settings.get("centra.endpoint"));
        try (CloseableHttpClient http = CentraHttpClients.create(token, settings.getDuration("centra.connect-timeout"),
                settings.getDuration("centra.response-timeout"), 1)) {
            return new CheckCommand(http, endpoint, out).check(files, settings, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int check(ActiveFiles files, Settings settings, PrintStream err) {
        List<Cost> costs = new ArrayList<>();
        try {
            QuerySchemaCheck schema = introspect();
            List<EntityMapping> active = files.active();
            for (EntityMapping m : active) {
                ours.addAll(schema.problems(m));
            }
            if (files.rateLimits() != null) {
                ours.addAll(schema.problems(files.rateLimits().queryFile(), files.rateLimits().queryText()));
            }
            for (EntityMapping m : active) {
                if (schema.problems(m.queryFile(), m.queryText()).isEmpty()) {
                    costs.add(probe(m));
                }
            }
            report(costs, quotas(files, settings));
        } catch (Unreachable e) {
            err.println("centra-sync: check: " + e.getMessage());
            return ExitCode.SYNC_FAILED;
        }
        if (!permissions.isEmpty()) {
            out.println("permissions the queries use: " + String.join(", ", permissions));
        }
        List<String> problems = new ArrayList<>(ours);
        problems.addAll(store);
        if (problems.isEmpty()) {
            out.println("OK: " + endpoint + " accepts the token; the queries of " + String.join(", ", files.entities())
                    + " and " + files.rateLimits().queryFile().getFileName() + " match its schema, the token has every permission"
                    + " they use, and a full page of each fits the complexity quota");
            return ExitCode.OK;
        }
        problems.forEach(err::println);
        err.println(count(problems.size()));
        return ours.isEmpty() ? ExitCode.SYNC_FAILED : ExitCode.CONFIG;
    }

    /** The store's schema, by the standard introspection query; also the first test of endpoint and token. */
    private QuerySchemaCheck introspect() throws Unreachable {
        JsonNode answer = ask(IntrospectionQuery.INTROSPECTION_QUERY, Map.of(), null);
        if (!answer.path("data").path("__schema").isObject()) {
            throw new Unreachable("Centra at " + endpoint + " does not answer the introspection query: " + errors(answer));
        }
        try {
            QuerySchemaCheck schema = QuerySchemaCheck.fromIntrospection(
                    JSON.convertValue(answer.get("data"), new TypeReference<Map<String, Object>>() { }));
            out.println(endpoint + ": the token is accepted; schema read by introspection ("
                    + answer.path("data").path("__schema").path("types").size() + " types)");
            return schema;
        } catch (IllegalArgumentException e) {
            throw new Unreachable("Centra at " + endpoint + ": " + e.getMessage());
        }
    }

    /** The entity's query with a page size of 1 (and 2, for the cost of a full page); the permissions it used and lacks. */
    private Cost probe(EntityMapping m) throws Unreachable {
        PagingSpec paging = m.paging();
        Map<String, Object> variables = new PageRequests().variables(SyncRun.unrecorded(m.entity(), m));
        boolean paged = !paging.style().equals(PagingSpec.NONE);
        if (paged) {
            variables.put(paging.sizeVariable(), 1);
        }
        JsonNode one = ask(m.queryText(), variables, m.queryFile());
        List<String> used = new ArrayList<>();
        one.path("extensions").path("permissionsUsed").forEach(p -> used.add(p.asText()));
        permissions.addAll(used);
        out.println(m.entity() + ": " + m.queryFile().getFileName() + " ran with " + (paged ? paging.sizeVariable() + " 1" : "no paging")
                + "; permissions used: " + (used.isEmpty() ? "none reported" : String.join(", ", used)));
        for (JsonNode error : one.path("errors")) {
            String message = error.path("message").asText();
            String where = m.queryFile() + (error.path("locations").path(0).has("line") ? ":" + error.path("locations").path(0).path("line").asInt() : "");
            Matcher needs = NEEDS.matcher(message);
            if (error.path("extensions").path("category").asText().equals("authorization")) {
                store.add(where + ": the token lacks " + (needs.find() ? needs.group(1) : "a permission") + " (Centra: " + message + ")");
            } else {
                store.add(where + ": Centra answered an error: " + message);
            }
        }
        Long atTwo = null;
        if (paged && paging.size() > 1) {
            variables.put(paging.sizeVariable(), 2);
            atTwo = complexity(ask(m.queryText(), variables, m.queryFile()));
        }
        return new Cost(m, complexity(one), atTwo);
    }

    private static Long complexity(JsonNode answer) {
        JsonNode c = answer.path("extensions").path("complexity");
        return c.canConvertToLong() && c.isNumber() ? c.asLong() : null;
    }

    /** The store's complexity quotas by interval (seconds), from rateLimits, else the configured plan. */
    private Map<Integer, Long> quotas(ActiveFiles files, Settings settings) throws Unreachable {
        Optional<List<RateLimit>> limits;
        try {
            limits = new RateLimitsReader(http, endpoint, files.rateLimits()).read();
        } catch (org.apache.camel.http.base.HttpOperationFailedException e) {
            throw new Unreachable(Failures.describe(e));
        }
        Map<Integer, Long> quotas = new java.util.TreeMap<>();
        limits.ifPresentOrElse(l -> l.stream().filter(r -> r.kind() == BucketKind.COMPLEXITY)
                .forEach(r -> quotas.merge(r.intervalSeconds(), r.quota(), Math::min)), () -> {
                    out.println("the store's rateLimits could not be read; quotas are the configured centra.rate.* plan");
                    quotas.put(10, settings.getLong("centra.rate.complexity-per-10s", 0, Long.MAX_VALUE));
                    quotas.put(3600, settings.getLong("centra.rate.complexity-per-hour", 0, Long.MAX_VALUE));
                });
        return quotas;
    }

    /**
     * A full page's complexity: Centra's cost is linear in the page size (the size multiplies the cost of one
     * record), so the costs at sizes 1 and 2 give it exactly: cost(1) + (cost(2) - cost(1)) x (size - 1).
     */
    private void report(List<Cost> costs, Map<Integer, Long> quotas) {
        for (Cost c : costs) {
            PagingSpec paging = c.mapping().paging();
            if (c.atOne() == null || (c.atTwo() == null && paging.size() > 1 && !paging.style().equals(PagingSpec.NONE))) {
                out.println(c.mapping().entity() + ": Centra reported no complexity");
                continue;
            }
            long full = c.atTwo() == null ? c.atOne() : c.atOne() + (c.atTwo() - c.atOne()) * (paging.size() - 1);
            String page = paging.style().equals(PagingSpec.NONE) ? "its request" : "a page of " + paging.size();
            List<String> against = new ArrayList<>();
            quotas.forEach((seconds, quota) -> against.add(number(quota) + " per " + interval(seconds)));
            out.println(c.mapping().entity() + ": " + page + " costs ~" + number(full) + " complexity, of the store's "
                    + String.join(" and ", against) + (c.atTwo() == null ? "" : " (" + number(c.atOne()) + " at size 1, " + number(c.atTwo())
                    + " at size 2, linear in the size)"));
            quotas.entrySet().stream().filter(q -> full > q.getValue()).findFirst().ifPresent(q -> ours.add(c.mapping().file()
                    + ": " + page + " costs ~" + number(full) + " complexity, more than the store's " + number(q.getValue())
                    + " per " + interval(q.getKey()) + "; lower paging.size"));
        }
    }

    /**
     * Centra's answer as JSON. A query of ours it rejects (HTTP 400) is a problem in {@code file} and an empty
     * answer; a refused token, another status or no answer at all is {@link Unreachable}.
     */
    private JsonNode ask(String query, Map<String, ?> variables, Path file) throws Unreachable {
        GraphQLPost.Answer answer;
        try {
            answer = GraphQLPost.send(http, endpoint, query, variables);
        } catch (IOException e) {
            throw new Unreachable(Failures.describe(e) + " (" + endpoint + ")");
        }
        if (answer.status() == 400 && file != null) {
            ours.add(file + ": " + Failures.describe(answer.failure(endpoint)));
            return MissingNode.getInstance();
        }
        if (answer.status() != 200) {
            String describe = Failures.describe(answer.failure(endpoint));
            throw new Unreachable(describe.length() > 300 ? describe.substring(0, 300) + " ..." : describe);
        }
        try {
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new Unreachable("Centra at " + endpoint + " answered something that is not JSON");
        }
    }

    private static String errors(JsonNode answer) {
        List<String> messages = new ArrayList<>();
        answer.path("errors").forEach(e -> messages.add(e.path("message").asText()));
        return messages.isEmpty() ? "no schema in the answer" : String.join("; ", messages);
    }

    private static String number(long n) {
        return String.format(Locale.ENGLISH, "%,d", n);
    }

    private static String interval(int seconds) {
        return seconds % 3600 == 0 ? (seconds == 3600 ? "hour" : seconds / 3600 + " h") : seconds + " s";
    }

    private static String count(int problems) {
        return problems + (problems == 1 ? " problem" : " problems");
    }
}
