package io.centrasync.mapping;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One validated entity mapping ({@code mappings/<customer>/<entity>.yaml} + its {@code .graphql}): where the
 * records are, how to page, how to sync incrementally, which tables it writes and the {@link RecordMapper}.
 * Immutable and thread-safe.
 */
public final class EntityMapping {
    private final String entity;
    private final Path file;
    private final Path queryFile;
    private final String queryText;
    private final String recordsPath;
    private final ListPath records;
    private final PagingSpec paging;
    private final IncrementalSpec incremental;
    private final TableSpec rootTable;
    private final List<TableSpec> childTables;
    private final List<TableSpec> tables;
    private final String fingerprint;
    private final RecordMapper mapper;
    private final RecheckSpec recheck;
    private final ListPath recheckRecords;
    private final HistorySpec history;

    EntityMapping(String entity, Path file, Path queryFile, String queryText, String recordsPath, ListPath records,
                  PagingSpec paging, IncrementalSpec incremental, TableSpec rootTable, List<TableSpec> childTables,
                  String fingerprint, RecordMapper mapper, RecheckSpec recheck, ListPath recheckRecords, HistorySpec history) {
        this.history = history;
        this.entity = entity;
        this.file = file;
        this.queryFile = queryFile;
        this.queryText = queryText;
        this.recordsPath = recordsPath;
        this.records = records;
        this.paging = paging;
        this.incremental = incremental;
        this.rootTable = rootTable;
        this.childTables = List.copyOf(childTables);
        List<TableSpec> all = new ArrayList<>();
        all.add(rootTable);
        all.addAll(childTables);
        this.tables = List.copyOf(all);
        this.fingerprint = fingerprint;
        this.mapper = mapper;
        this.recheck = recheck;
        this.recheckRecords = recheckRecords;
    }

    /** A snapshot entity's history of its root table, if its mapping keeps one. */
    public Optional<HistorySpec> history() {
        return Optional.ofNullable(history);
    }

    /** The history table, if the mapping keeps one. */
    public Optional<TableSpec> historyTable() {
        return history().map(h -> h.tableOf(rootTable));
    }

    public String entity() {
        return entity;
    }

    /** The mapping file. */
    public Path file() {
        return file;
    }

    /** The GraphQL query file. */
    public Path queryFile() {
        return queryFile;
    }

    /** The query, to be sent as is. */
    public String queryText() {
        return queryText;
    }

    /** Where the records are in a response, e.g. {@code data.orderConnection.edges[].node}. */
    public String recordsPath() {
        return recordsPath;
    }

    public PagingSpec paging() {
        return paging;
    }

    /** Empty for snapshot entities (re-read completely each run). */
    public Optional<IncrementalSpec> incremental() {
        return Optional.ofNullable(incremental);
    }

    public TableSpec rootTable() {
        return rootTable;
    }

    public List<TableSpec> childTables() {
        return childTables;
    }

    /** Root table first, then the child tables in file order. */
    public List<TableSpec> tables() {
        return tables;
    }

    /** SHA-256 hex of the mapping file bytes followed by the query file bytes; changes force a full resync. */
    public String fingerprint() {
        return fingerprint;
    }

    public RecordMapper mapper() {
        return mapper;
    }

    /** How rows not yet final are read again by key; empty for most entities. */
    public Optional<RecheckSpec> recheck() {
        return Optional.ofNullable(recheck);
    }

    /** The records of a response to the recheck query. */
    public List<JsonNode> selectRecheckRecords(JsonNode response) {
        return response == null || recheckRecords == null ? List.of() : recheckRecords.selectAll(response);
    }

    /** The records of a whole GraphQL response ({@link #recordsPath()} applied, lists flattened in order). */
    public List<JsonNode> selectRecords(JsonNode response) {
        return response == null ? List.of() : records.selectAll(response);
    }

    /**
     * How many elements each innermost list of {@link #recordsPath()} held in a whole GraphQL response (page-number
     * paging: each is one page of its own list); null when the path has no list.
     */
    public ListSizes selectListSizes(JsonNode response) {
        return response == null ? null : records.sizes(response);
    }

    /**
     * The node at a plain dotted path of a response, e.g. {@code data.orderConnection.pageInfo}; null when absent
     * or JSON null.
     */
    public JsonNode select(JsonNode response, String dottedPath) {
        JsonNode n = response;
        int start = 0;
        while (n != null && start <= dottedPath.length()) {
            int dot = dottedPath.indexOf('.', start);
            int end = dot < 0 ? dottedPath.length() : dot;
            n = n.get(dottedPath.substring(start, end));
            start = end + 1;
        }
        return n == null || n.isNull() || n.isMissingNode() ? null : n;
    }

    @Override
    public String toString() {
        return "EntityMapping[" + entity + " from " + file + "]";
    }
}
