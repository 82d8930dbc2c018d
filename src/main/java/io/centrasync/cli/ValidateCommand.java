package io.centrasync.cli;

import io.centrasync.camel.ExitCode;
import io.centrasync.camel.Settings;
import io.centrasync.mapping.EntityMapping;
import io.centrasync.mapping.QuerySchemaCheck;
import io.centrasync.mapping.RateLimitsMapping;
import io.centrasync.run.ConfigException;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code validate [--schema FILE|none]}: checks the settings, routes and mappings offline, as the start does, and
 * also each query (the rateLimits one too) against a GraphQL schema (by default the bundled simulator
 * schema, which follows Centra's public names; pass the SDL introspected from your store to check
 * against the real thing). The names the queries use that the schema marks {@code @unconfirmed} are
 * listed for the customer to verify; they are no problem and do not change the exit code.
 */
final class ValidateCommand {

    private ValidateCommand() {
    }

    static int run(List<String> args, Settings settings, PrintStream out, PrintStream err) {
        String schema = "builtin";
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--schema") && i + 1 < args.size()) {
                schema = args.get(++i);
            } else {
                throw new ConfigException("validate: unknown argument " + args.get(i) + " (usage: validate [--schema FILE|none])");
            }
        }
        ActiveFiles files = ActiveFiles.read(settings);
        List<String> problems = new ArrayList<>(files.problems());
        List<String> unconfirmed = new ArrayList<>();
        if (!schema.equals("none")) {
            QuerySchemaCheck check = schema.equals("builtin") ? QuerySchemaCheck.builtin() : storeSchema(schema);
            for (EntityMapping m : files.mappings()) {
                problems.addAll(check.problems(m));
                unconfirmed.addAll(check.unconfirmed(m));
            }
            RateLimitsMapping rateLimits = files.rateLimits();
            if (rateLimits != null) {
                problems.addAll(check.problems(rateLimits.queryFile(), rateLimits.queryText()));
                unconfirmed.addAll(check.unconfirmed(rateLimits.queryFile(), rateLimits.queryText()));
            }
        }
        if (!unconfirmed.isEmpty()) {
            out.println("Names these queries use that Centra's documentation does not confirm; verify them against your"
                    + " store (validate --schema FILE, with the SDL introspected from it):");
            unconfirmed.forEach(line -> out.println("  " + line));
        }
        if (!problems.isEmpty()) {
            problems.forEach(err::println);
            return ExitCode.CONFIG;
        }
        out.println("OK: routes in " + files.routesDir() + " (" + String.join(", ", files.entities()) + "), mappings in " + files.mappingsDir()
                + (schema.equals("none") ? "" : ", queries valid against the " + (schema.equals("builtin") ? "built-in Centra simulator schema" : schema)));
        return ExitCode.OK;
    }

    private static QuerySchemaCheck storeSchema(String file) {
        try {
            return QuerySchemaCheck.fromFile(Path.of(file));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("validate --schema: " + e.getMessage());
        }
    }
}
