package io.centrasync.store;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the connector adds to an H2 URL, and when it leaves one alone. */
class H2UrlDefaultsTest {

    @Test
    void anEmbeddedFileWritesEachCommitAtOnceAndIsClosedByUs() {
        assertEquals("jdbc:h2:file:./data/x;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0", DataSources.withH2Defaults("jdbc:h2:file:./data/x"));
        assertEquals("jdbc:h2:./data/x;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0", DataSources.withH2Defaults("jdbc:h2:./data/x"));
    }

    @Test
    void memoryAndServerDatabasesAndExplicitSettingsAreLeftAlone() {
        assertEquals("jdbc:h2:mem:x;DB_CLOSE_ON_EXIT=FALSE", DataSources.withH2Defaults("jdbc:h2:mem:x"));
        assertEquals("jdbc:h2:tcp://db:9092/x;DB_CLOSE_ON_EXIT=FALSE", DataSources.withH2Defaults("jdbc:h2:tcp://db:9092/x"));
        assertEquals("jdbc:h2:file:x;write_delay=100;DB_CLOSE_ON_EXIT=TRUE", DataSources.withH2Defaults("jdbc:h2:file:x;write_delay=100;DB_CLOSE_ON_EXIT=TRUE"));
        assertEquals("jdbc:postgresql://db/x", DataSources.withH2Defaults("jdbc:postgresql://db/x"));
    }

    @Test
    void autoServerKeepsH2sShutdownHookWhichItRequires() {
        assertEquals("jdbc:h2:file:x;AUTO_SERVER=TRUE;WRITE_DELAY=0", DataSources.withH2Defaults("jdbc:h2:file:x;AUTO_SERVER=TRUE"));
    }
}
