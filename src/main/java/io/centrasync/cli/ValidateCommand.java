package io.centrasync.cli;

import io.centrasync.camel.ExitCode;
import io.centrasync.camel.RouteFiles;
import io.centrasync.camel.Settings;
import io.centrasync.camel.SettingsCheck;
import io.centrasync.camel.CentraRoutes;
import io.centrasync.mapping.EntityMapping;
import io.centrasync.mapping.MappingException;
import io.centrasync.mapping.MappingLoader;
import io.centrasync.mapping.QuerySchemaCheck;
import io.centrasync.mapping.RateLimitsMapping;
import io.centrasync.run.ConfigException;

import java.io.PrintStream;
import java.nio.file.Files;
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
        Path mappingsDir = Path.of(settings.get("mappings.dir"));
        Path routesDir = Path.of(settings.get("routes.dir"));
        List<String> problems = new ArrayList<>(SettingsCheck.problems(settings));
        List<EntityMapping> mappings = List.of();
        RateLimitsMapping rateLimits = null;
        if (!Files.isDirectory(mappingsDir)) {
            problems.add(mappingsDir + ": mappings folder does not exist (MAPPINGS_DIR)");
        } else {
            try {
                mappings = MappingLoader.loadAll(mappingsDir);
            } catch (MappingException e) {
                problems.addAll(e.problems());
            }
            try {
                rateLimits = RateLimitsMapping.load(mappingsDir);
            } catch (MappingException e) {
                problems.addAll(e.problems());
            }
        }
        List<String> entities = List.of();
        if (!Files.isDirectory(routesDir)) {
            problems.add(routesDir + ": routes folder does not exist (ROUTES_DIR)");
        } else {
            try {
                entities = RouteFiles.entities(routesDir, settings.asProperties());
            } catch (Exception e) {
                problems.add(e.getMessage());
            }
        }
        for (String entity : entities) {
            if (mappings.stream().noneMatch(m -> m.entity().equals(entity)) && !mappings.isEmpty()) {
                problems.add(routesDir + ": route " + CentraRoutes.routeId(entity) + " has no mapping " + mappingsDir.resolve(entity + ".yaml"));
            }
        }
        List<String> unconfirmed = new ArrayList<>();
        if (!schema.equals("none")) {
            QuerySchemaCheck check = schema.equals("builtin") ? QuerySchemaCheck.builtin() : storeSchema(schema);
            for (EntityMapping m : mappings) {
                problems.addAll(check.problems(m));
                unconfirmed.addAll(check.unconfirmed(m));
            }
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
        out.println("OK: routes in " + routesDir + " (" + String.join(", ", entities) + "), mappings in " + mappingsDir
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
