package io.centrasync.mapping;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a read mapping for meaning and compiles it: entity, records path, paging and incremental settings against
 * the query's variables and selection; tables via {@link TableValidator}. Every problem is reported with its line;
 * {@link #validate} returns null when there was any.
 */
final class MappingValidator {
    private static final List<String> STYLES = List.of(PagingSpec.CURSOR, PagingSpec.PAGE, PagingSpec.NONE);
    private static final int MAX_PAGE_SIZE = 1000;

    /** The compiled parts of a valid mapping. */
    record Compiled(ListPath records, PagingSpec paging, IncrementalSpec incremental, TableSpec root,
                    List<TableSpec> children, RecordMapper mapper) {
    }

    private final Path file;
    private final MappingModel m;
    private final QuerySelection query;
    private final String queryName;
    private final Problems problems;
    private final Set<String> usedVariables = new LinkedHashSet<>();
    private boolean recordsOk;
    private List<String> recordNames = List.of();

    private MappingValidator(Path file, MappingModel m, QuerySelection query, String queryName, Problems problems) {
        this.file = file;
        this.m = m;
        this.query = query;
        this.queryName = queryName;
        this.problems = problems;
    }

    /**
     * @param query     the parsed query, or null if it could not be read (already reported)
     * @param queryName the query file name for messages
     */
    static Compiled validate(Path file, MappingModel model, QuerySelection query, String queryName, Problems problems) {
        return new MappingValidator(file, model, query, queryName, problems).run();
    }

    private void error(String lineKey, String message) {
        problems.add(file, m.line(lineKey), message);
    }

    private void error(int line, String message) {
        problems.add(file, line, message);
    }

    private Compiled run() {
        int before = problems.size();
        if (m.entity != null && !isEntityName(m.entity)) {
            error("entity", "entity '" + m.entity + "' must be a simple name (letters, digits, _ and -)");
        }
        ListPath records = records();
        recordsOk = records != null;
        if (recordsOk) {
            recordNames = records.names().subList(1, records.names().size());
        }
        PagingSpec paging = paging();
        IncrementalSpec incremental = incremental();
        if (paging != null) { // an invalid paging block would make every paging variable look unfilled
            checkRequiredVariables();
        }
        if (m.root == null) {
            return null;
        }
        ValueConverter converter = new ValueConverter(m.timezone);
        ColumnCompiler compiler = new ColumnCompiler(file, problems, records == null ? null : query, queryName,
                converter, recordNames);
        TableValidator tableValidator = new TableValidator(file, problems, m, compiler, recordsOk ? query : null,
                queryName, recordNames, recordsOk);
        TableValidator.TableBuilder rootTable = tableValidator.rootTable();
        List<TableValidator.TableBuilder> childTables = new ArrayList<>();
        Set<String> tableNames = new HashSet<>();
        if (m.root.name != null) {
            tableNames.add(m.root.name);
        }
        for (MappingModel.TableDef child : m.children) {
            if (child.name != null && !tableNames.add(child.name)) {
                error(child.nameLine, "table '" + child.name + "' is written twice in this mapping");
            }
            childTables.add(tableValidator.childTable(child, rootTable));
        }
        if (problems.size() > before || !rootTable.valid || childTables.contains(null)) {
            return null;
        }
        List<TableSpec> childSpecs = new ArrayList<>();
        ChildMapper[] childMappers = new ChildMapper[childTables.size()];
        boolean usesExpr = rootTable.usesExpr();
        for (int i = 0; i < childTables.size(); i++) {
            TableValidator.TableBuilder t = childTables.get(i);
            childSpecs.add(t.spec);
            childMappers[i] = new ChildMapper(t.spec.name(), t.path, t.spec.parentKeyColumns().size(),
                    t.positionColumn != null, t.readers.toArray(ColumnReader[]::new));
            usesExpr |= t.usesExpr();
        }
        PathExpression cursor = incremental == null ? null : PathExpression.parse(incremental.field());
        RecordMapper mapper = new RecordMapper(rootTable.readers.toArray(ColumnReader[]::new), rootTable.keyIndexes(),
                childMappers, cursor, converter, usesExpr);
        return new Compiled(records, paging, incremental, rootTable.spec, childSpecs, mapper);
    }

    private static boolean isEntityName(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 128) && c != '_' && c != '-') {
                return false;
            }
        }
        return !s.isEmpty();
    }

    // ---- source ----

    private ListPath records() {
        if (m.records == null) {
            return null;
        }
        ListPath p;
        try {
            p = ListPath.parse(m.records);
        } catch (IllegalArgumentException e) {
            error("source.records", "source.records: " + e.getMessage());
            return null;
        }
        List<String> names = p.names();
        if (!names.get(0).equals("data") || names.size() < 2) {
            error("source.records", "source.records '" + m.records + "' must start with 'data.' (the GraphQL"
                    + " response envelope), e.g. data.orderConnection.edges[].node");
            return null;
        }
        // unselected records would make every column look unselected: report once, skip those checks
        return checkSelected("source.records", names.subList(1, names.size()), "source.records '" + m.records + "'")
                ? p : null;
    }

    private boolean checkSelected(String lineKey, List<String> names, String what) {
        return checkSelected(m.line(lineKey), names, what);
    }

    private boolean checkSelected(int line, List<String> names, String what) {
        if (query == null) {
            return true;
        }
        String missing = query.missing(names);
        if (missing != null) {
            error(line, what + " is not selected by " + queryName + " (" + missing + ")");
            return false;
        }
        return true;
    }

    private PagingSpec paging() {
        if (!m.hasPaging) {
            return new PagingSpec(PagingSpec.NONE, null, null, null, null, 0);
        }
        String style = m.pagingStyle;
        if (style == null) {
            return null;
        }
        if (!STYLES.contains(style)) {
            String hint = Suggest.closest(style, STYLES);
            error("source.paging.style", "unknown paging style '" + style + "'"
                    + (hint != null ? " (did you mean '" + hint + "'?)" : "")
                    + "; use cursor (Relay connection: first/after) or page (limit/page list)");
            return null;
        }
        int size = m.size == null ? 100 : m.size;
        if (m.size != null && (size < 1 || size > MAX_PAGE_SIZE)) {
            error("source.paging.size", "source.paging.size must be between 1 and " + MAX_PAGE_SIZE + ", not " + size);
        }
        switch (style) {
            case PagingSpec.CURSOR -> {
                notFor(style, "pageVariable", m.pageVariable);
                String pageInfo = m.pageInfo != null ? m.pageInfo : recordsOk ? defaultPageInfo() : null;
                if (pageInfo == null && recordsOk) {
                    error("source.paging", "source.paging.pageInfo is missing and cannot be derived from source.records"
                            + " (which does not end with .edges[].node); e.g. pageInfo: data.orderConnection.pageInfo");
                } else if (pageInfo != null) {
                    checkPageInfo(pageInfo);
                }
                String sizeVar = variable("source.paging.sizeVariable", m.sizeVariable, "first");
                String cursorVar = variable("source.paging.cursorVariable", m.cursorVariable, "after");
                if (m.totalCount != null) {
                    checkTotalCount(m.totalCount);
                }
                return new PagingSpec(style, pageInfo, sizeVar, cursorVar, null, size, m.totalCount);
            }
            case PagingSpec.PAGE -> {
                notFor(style, "pageInfo", m.pageInfo);
                notFor(style, "totalCount", m.totalCount);
                notFor(style, "cursorVariable", m.cursorVariable);
                String sizeVar = variable("source.paging.sizeVariable", m.sizeVariable, "limit");
                String pageVar = variable("source.paging.pageVariable", m.pageVariable, "page");
                return new PagingSpec(style, null, sizeVar, null, pageVar, size);
            }
            default -> {
                for (String k : List.of("pageInfo", "sizeVariable", "cursorVariable", "pageVariable", "size", "totalCount")) {
                    if (m.lines.containsKey("source.paging." + k)) {
                        notFor(style, k, "set");
                    }
                }
                return new PagingSpec(PagingSpec.NONE, null, null, null, null, 0);
            }
        }
    }

    private void notFor(String style, String key, String value) {
        if (value != null) {
            error("source.paging." + key, "source.paging." + key + " does not apply to paging style " + style);
        }
    }

    private String defaultPageInfo() {
        String suffix = ".edges[].node";
        return m.records != null && m.records.endsWith(suffix)
                ? m.records.substring(0, m.records.length() - suffix.length()) + ".pageInfo" : null;
    }

    private void checkPageInfo(String pageInfo) {
        List<String> base = dataPath("source.paging.pageInfo", pageInfo);
        if (base == null) {
            return;
        }
        for (String field : List.of("hasNextPage", "endCursor")) {
            List<String> p = new ArrayList<>(base);
            p.add(field);
            if (!checkSelected("source.paging.pageInfo", p, "source.paging.pageInfo '" + pageInfo + "' field " + field)) {
                return;
            }
        }
    }

    /** The connection's totalCount (for progress): a path under data, selected by the query. */
    private void checkTotalCount(String totalCount) {
        List<String> path = dataPath("source.paging.totalCount", totalCount);
        if (path != null) {
            checkSelected("source.paging.totalCount", path, "source.paging.totalCount '" + totalCount + "'");
        }
    }

    /** The names of a response path under {@code data.} (without it), or null after reporting why it is not one. */
    private List<String> dataPath(String key, String path) {
        String[] names;
        try {
            names = PathExpression.splitNames(path, path);
        } catch (IllegalArgumentException e) {
            error(key, key + ": " + e.getMessage());
            return null;
        }
        if (names.length < 2 || !names[0].equals("data")) {
            error(key, key + " '" + path + "' must start with 'data.'");
            return null;
        }
        return List.of(names).subList(1, names.length);
    }

    /** A query variable named in the mapping (or its default) must be declared by the operation. */
    private String variable(String lineKey, String name, String defaultName) {
        String v = name != null ? name : defaultName;
        usedVariables.add(v);
        if (query != null && !query.variables().contains(v)) {
            error(lineKey, lineKey + " '" + v + "'" + (name == null ? " (the default)" : "")
                    + " is not a variable of the query in " + queryName + " (declared: "
                    + (query.variables().isEmpty() ? "none" : "$" + String.join(", $", query.variables())) + ")");
        }
        return v;
    }

    private IncrementalSpec incremental() {
        if (!m.hasIncremental || m.incrementalField == null || m.incrementalVariable == null) {
            return null;
        }
        IncrementalSpec spec = new IncrementalSpec(m.incrementalField,
                variable("source.incremental.variable", m.incrementalVariable, null), m.lookback);
        PathExpression p;
        try {
            p = PathExpression.parse(m.incrementalField);
        } catch (IllegalArgumentException e) {
            error("source.incremental.field", "source.incremental.field: " + e.getMessage());
            return null;
        }
        if (p.up() > 0 || p.fromRoot()) {
            error("source.incremental.field", "source.incremental.field is a path in the record, without ^ or $.");
            return null;
        }
        if (recordsOk) {
            List<String> names = new ArrayList<>(recordNames);
            names.addAll(p.segments());
            checkSelected("source.incremental.field", names, "source.incremental.field '" + m.incrementalField + "'");
        }
        return spec;
    }

    private void checkRequiredVariables() {
        if (query == null) {
            return;
        }
        for (String v : query.requiredVariables()) {
            if (!usedVariables.contains(v) && !m.extraVariables.contains(v)) {
                error(m.hasIncremental ? "source.incremental" : "source.query", "the query in " + queryName
                        + " requires $" + v + " (non-null, no default) but this mapping never fills it;"
                        + " declare it in source.paging or source.incremental, or give it a default in the query");
            }
        }
    }
}
