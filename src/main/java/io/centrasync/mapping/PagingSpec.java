package io.centrasync.mapping;

/**
 * How to page through the query's results.
 *
 * @param style          {@code "cursor"} (Relay connection: size + cursor variables, pageInfo {hasNextPage endCursor}),
 *                       {@code "page"} (list field: size (limit) + page variables, stop at a short page) or
 *                       {@code "none"} (one request; the mapping has no {@code paging:} block)
 * @param pageInfoPath   cursor style: response path of {@code {hasNextPage, endCursor}}, e.g.
 *                       {@code data.orderConnection.pageInfo}; null otherwise
 * @param sizeVariable   query variable for the page size ({@code first} / {@code limit}); null for "none"
 * @param cursorVariable cursor style: query variable for the cursor ({@code after}); null otherwise
 * @param pageVariable   page style: query variable for the 1-based page number ({@code page}); null otherwise
 * @param size           page size (0 for "none")
 * @param totalCountPath cursor style, optional: response path of the connection's {@code totalCount} (records the
 *                       run will read in all), e.g. {@code data.orderConnection.totalCount}, for progress; null otherwise
 */
public record PagingSpec(String style, String pageInfoPath, String sizeVariable, String cursorVariable,
                         String pageVariable, int size, String totalCountPath) {

    /** Without a totalCount. */
    public PagingSpec(String style, String pageInfoPath, String sizeVariable, String cursorVariable, String pageVariable, int size) {
        this(style, pageInfoPath, sizeVariable, cursorVariable, pageVariable, size, null);
    }

    public static final String CURSOR = "cursor";
    public static final String PAGE = "page";
    public static final String NONE = "none";
}
