package io.centrasync.centra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.centrasync.mapping.EntityMapping;
import io.centrasync.mapping.PagingSpec;
import io.centrasync.state.SyncRun;

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
            // a list has no "more" flag and a short page may not be the last: stop at an empty page
            return new CentraPage(records, !records.isEmpty(), String.valueOf(page + 1), complexity);
        }
        JsonNode pageInfo = mapping.select(response, paging.pageInfoPath());
        if (pageInfo == null || !pageInfo.path("hasNextPage").isBoolean()) {
            throw new CentraException("Centra response has no " + paging.pageInfoPath() + ".hasNextPage", false);
        }
        boolean hasNext = pageInfo.get("hasNextPage").booleanValue();
        String endCursor = pageInfo.path("endCursor").isTextual() ? pageInfo.get("endCursor").textValue() : null;
        if (hasNext && (endCursor == null || Objects.equals(endCursor, run.cursor()))) {
            throw new CentraException("Centra says more pages follow but gave no new endCursor (stopping rather than looping)", false);
        }
        return new CentraPage(records, hasNext, endCursor == null ? run.cursor() : endCursor, complexity);
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw new CentraException("Centra sent an empty response", true);
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            // truncated or not JSON at all (a proxy error page): asking again may well help
            throw new CentraException("Centra sent a response that is not complete JSON (" + body.length() + " chars): "
                    + snippet(body), true);
        }
    }

    private static CentraException graphqlErrors(JsonNode errors) {
        List<String> messages = new ArrayList<>();
        boolean authorization = false;
        for (JsonNode e : errors) {
            String category = e.path("extensions").path("category").asText("");
            authorization |= "authorization".equals(category);
            messages.add(e.path("message").asText("?") + (category.isEmpty() ? "" : " [" + category + "]"));
        }
        String prefix = authorization
                ? "the Centra token lacks a permission (grant it to the token in Centra under System > API tokens): "
                : "Centra returned GraphQL errors: ";
        return new CentraException(prefix + String.join("; ", messages), false);
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
        String flat = body.replaceAll("\\s+", " ");
        return flat.length() <= SNIPPET ? flat : flat.substring(0, SNIPPET) + "...";
    }
}
