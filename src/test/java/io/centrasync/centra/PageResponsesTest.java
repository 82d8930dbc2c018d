package io.centrasync.centra;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PageResponsesTest {

    /** A truncated answer holds the store's records: the log line describes it without quoting any of it. */
    @Test
    void aCutOffAnswerIsDescribedNotQuoted() {
        String cut = "{\"data\":{\"orders\":[{\"id\":\"7\",\"email\":\"ada@example.com\",\"name\":\"Ada Lovel";
        assertEquals("Centra sent a response that is not complete JSON (cut off after " + cut.length() + " chars)",
                PageResponses.notJson(cut));
    }

    /** A proxy's error page says what went wrong: it is quoted, flattened to one line. */
    @Test
    void aPageThatIsNotJsonIsQuoted() {
        assertEquals("Centra sent a response that is not JSON (41 chars): <html> <h1>502 Bad Gateway</h1> </html>",
                PageResponses.notJson("<html>\n<h1>502 Bad Gateway</h1>\n</html>\n\n"));
    }
}
