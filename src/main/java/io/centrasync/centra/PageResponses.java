package io.centrasync.centra;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.centrasync.mapping.EntityMapping;
import io.centrasync.mapping.PagingSpec;
import io.centrasync.run.CentraPage;
import io.centrasync.run.SyncRun;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads one Centra response: parses it once (money as exact decimals), turns GraphQL {@code errors[]}
 * into a failure (Centra answers 200 for executed-with-errors), selects the records and the paging
 * position as the mapping says.
 */
public final class PageResponses {

    private static final int SNIPPET = 200;
    private static final JsonFactory PEEK = new JsonFactory();
    /** graphql-php's message for an exception it does not show to clients. */
    private static final String INTERNAL_MESSAGE = "Internal server error";

    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    public CentraPage read(String body, SyncRun run) {
        EntityMapping mapping = run.mapping();
        JsonNode response = parse(body);
        JsonNode errors = response.path("errors");
        if (errors.isArray() && !errors.isEmpty()) {
            throw graphqlErrors(errors);
        }
        if (!response.path("data").isObject()) {
            throw new CentraException("Centra response has no data object: " + snippet(body), true);
        }
        long complexity = response.path("extensions").path("complexity").asLong(0);
        if (run.rechecking()) {
            // the paging position stays where the incremental pass ended; the run counts the batches
            return new CentraPage(mapping.selectRecheckRecords(response), true, run.cursor(), complexity);
        }
        List<JsonNode> records = mapping.selectRecords(response);
        PagingSpec paging = mapping.paging();
        if (PagingSpec.NONE.equals(paging.style())) {
            return new CentraPage(records, false, null, complexity);
        }
        if (PagingSpec.PAGE.equals(paging.style())) {
            int page = run.cursor() == null ? 1 : Integer.parseInt(run.cursor());
            // a list has no "more" flag: paging goes on after a page with records; whether a short or empty page
            // is the last, or a broken answer, the page loop tells from the page after it (PageEnds)
            return new CentraPage(records, !records.isEmpty(), String.valueOf(page + 1), complexity,
                    mapping.selectListSizes(response));
        }
        JsonNode pageInfo = mapping.select(response, paging.pageInfoPath());
        if (pageInfo == null || !pageInfo.path("hasNextPage").isBoolean()) {
            throw new CentraException("Centra response has no " + paging.pageInfoPath() + ".hasNextPage", false);
        }
        if (paging.totalCountPath() != null) {
            JsonNode total = mapping.select(response, paging.totalCountPath());
            if (total != null && total.canConvertToLong()) {
                run.totalCount(total.longValue()); // for the progress report (shared with the run of a page fetched ahead)
            }
        }
        boolean hasNext = pageInfo.get("hasNextPage").booleanValue();
        String endCursor = pageInfo.path("endCursor").isTextual() ? pageInfo.get("endCursor").textValue() : null;
        if (hasNext && (endCursor == null || Objects.equals(endCursor, run.cursor()))) {
            throw new CentraException("Centra says more pages follow but gave no new endCursor (stopping rather than looping)", false);
        }
        return new CentraPage(records, hasNext, endCursor == null ? run.cursor() : endCursor, complexity);
    }

    /**
     * Where the page after this one starts, read from the head of the answer without parsing the rest, or null.
     * GraphQL answers in the order of the query's fields, so what a query asks for first comes first: for cursor
     * paging the {@code pageInfo} (our queries ask for it before {@code edges}); for page numbers the record list
     * itself, of which one element is enough to know that another page may follow. This looks only there: each
     * object along the path must open with the next name of the path, and where the path goes through a list
     * (inventory's {@code warehouses[].stock[]}) only its first element is looked at. Anything else ({@code errors}
     * first, another field order, an empty first list, no next page, the same cursor again, not JSON) gives null,
     * and the next page is taken from the parsed page as before; {@link #read} still checks the whole answer.
     */
    static String peekNext(String body, EntityMapping mapping, String current) {
        PagingSpec paging = mapping.paging();
        boolean cursor = PagingSpec.CURSOR.equals(paging.style()) && paging.pageInfoPath() != null;
        boolean page = PagingSpec.PAGE.equals(paging.style()) && mapping.recordsPath().endsWith("[]");
        if (body == null || !(cursor || page)) {
            return null;
        }
        try (JsonParser p = PEEK.createParser(body)) {
            if (cursor) {
                return openedBy(p, paging.pageInfoPath()) ? cursorOf(p, current) : null;
            }
            if (openedBy(p, mapping.recordsPath())) {
                return String.valueOf((current == null ? 1 : Integer.parseInt(current)) + 1); // as read() counts
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null; // read() says what is wrong with it
        }
    }

    /**
     * Whether the answer opens with the dotted path, each name first in its object; a name ending in {@code []} must
     * be a list whose first element is an object, the parser is left there (for the last name: one record).
     */
    private static boolean openedBy(JsonParser p, String dottedPath) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return false;
        }
        for (String segment : dottedPath.split("\\.")) {
            boolean list = segment.endsWith("[]");
            String name = list ? segment.substring(0, segment.length() - 2) : segment;
            if (p.nextToken() != JsonToken.FIELD_NAME || !name.equals(p.currentName())) {
                return false;
            }
            if ((list && p.nextToken() != JsonToken.START_ARRAY) || p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
        }
        return true;
    }

    /** Within a pageInfo object: endCursor if hasNextPage and it moves on, else null. */
    private static String cursorOf(JsonParser p, String current) throws IOException {
        boolean hasNext = false;
        String endCursor = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (field.equals("hasNextPage")) {
                hasNext = value == JsonToken.VALUE_TRUE;
            } else if (field.equals("endCursor") && value == JsonToken.VALUE_STRING) {
                endCursor = p.getText();
            } else {
                p.skipChildren();
            }
        }
        return hasNext && endCursor != null && !endCursor.equals(current) ? endCursor : null;
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw new CentraException("Centra sent an empty response", true);
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            // truncated or not JSON at all (a proxy error page): asking again may well help
            throw new CentraException(notJson(body), true);
        }
    }

    /**
     * What is wrong with a body that does not parse, for the log and the run record. A cut-off JSON answer is
     * described, never quoted: it holds the store's records (customers' names and addresses). Anything else (a
     * proxy's error page) is quoted, as it says what went wrong.
     */
    static String notJson(String body) {
        String start = body.stripLeading();
        if (start.startsWith("{") || start.startsWith("[")) {
            return "Centra sent a response that is not complete JSON (cut off after " + body.length() + " chars)";
        }
        return "Centra sent a response that is not JSON (" + body.length() + " chars): " + snippet(body);
    }

    /**
     * Centra runs graphql-php, which answers a fault on its side (an exception inside a resolver) with HTTP 200 and
     * an error of category {@code internal}, message "Internal server error" (newer graphql-php versions drop the
     * category): as transient as a 500, so retried. Anything else (query validation, category {@code graphql}; a
     * missing permission, {@code authorization}; an unknown category) will not get better by asking again.
     */
    private static CentraException graphqlErrors(JsonNode errors) {
        List<String> messages = new ArrayList<>();
        boolean authorization = false;
        boolean allInternal = true;
        for (JsonNode e : errors) {
            String category = e.path("extensions").path("category").asText("");
            String message = e.path("message").asText("?");
            authorization |= "authorization".equals(category);
            allInternal &= "internal".equals(category) || (category.isEmpty() && INTERNAL_MESSAGE.equals(message));
            messages.add(message + (category.isEmpty() ? "" : " [" + category + "]"));
        }
        String prefix = authorization
                ? "the Centra token lacks a permission (grant it to the token in Centra under System > API tokens): "
                : allInternal ? "Centra failed internally (GraphQL error): " : "Centra returned GraphQL errors: ";
        return new CentraException(prefix + String.join("; ", messages), allInternal && !authorization);
    }

    /**
     * The {@code errors[].message}s of an error answer (a 400), joined; the body itself when it has
     * none (a proxy's error page).
     */
    static String errorMessages(String body) {
        if (body == null || body.isBlank()) {
            return "(empty answer)";
        }
        try {
            JsonNode errors = new ObjectMapper().readTree(body).path("errors");
            if (errors.isArray() && !errors.isEmpty()) {
                List<String> messages = new ArrayList<>();
                errors.forEach(e -> messages.add(e.path("message").asText("?")));
                return snippet(String.join("; ", messages));
            }
        } catch (JsonProcessingException e) {
            // not JSON: show it as it is
        }
        return snippet(body);
    }

    static String snippet(String body) {
        String flat = body.strip().replaceAll("\\s+", " ");
        return flat.length() <= SNIPPET ? flat : flat.substring(0, SNIPPET) + "...";
    }
}
