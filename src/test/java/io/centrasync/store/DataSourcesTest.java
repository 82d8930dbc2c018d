package io.centrasync.store;

import io.centrasync.run.ConfigException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DataSourcesTest {

    @Test
    void postgresUrlsGetBatchRewritingUnlessTheySetIt() {
        assertEquals("jdbc:postgresql://db:5432/centra?reWriteBatchedInserts=true",
                DataSources.withDriverDefaults("jdbc:postgresql://db:5432/centra"));
        assertEquals("jdbc:postgresql://db/centra?sslmode=require&reWriteBatchedInserts=true",
                DataSources.withDriverDefaults("jdbc:postgresql://db/centra?sslmode=require"));
        assertEquals("jdbc:postgresql://db/centra?rewritebatchedinserts=false",
                DataSources.withDriverDefaults("jdbc:postgresql://db/centra?rewritebatchedinserts=false"));
    }

    @Test
    void h2UrlsKeepTheDatabaseOpenUntilWeCloseIt() {
        assertEquals("jdbc:h2:file:./data/x;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0", DataSources.withDriverDefaults("jdbc:h2:file:./data/x"));
        assertEquals("jdbc:h2:mem:x;db_close_on_exit=true", DataSources.withDriverDefaults("jdbc:h2:mem:x;db_close_on_exit=true"));
    }

    @Test
    void aSchemaMustBeAPlainLowerCaseName() {
        assertEquals("centra_sync", DatabaseSchemas.validName("centra_sync"));
        for (String bad : new String[] {"Centra", "centra-sync", "1st", "a;drop table x", ""}) {
            assertThrows(ConfigException.class, () -> DatabaseSchemas.validName(bad), bad);
        }
    }
}
