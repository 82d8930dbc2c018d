package io.centrasync;

import org.apache.logging.log4j.core.config.plugins.processor.PluginCache;
import org.apache.logging.log4j.core.config.plugins.processor.PluginProcessor;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The runnable jar unpacks every dependency into one tree, where one log4j plugin index
 * ({@code Log4j2Plugins.dat}) would hide the others: Console and PatternLayout (log4j-core) or
 * JsonTemplateLayout (log4j-layout-template-json, {@code LOG_FORMAT=json}). src/assembly/runner.xml leaves the
 * jars' indexes out and ships src/runner's, which merges them; this test keeps it equal to the merge of the
 * jars on the class path. After a log4j upgrade: {@code mvn -o test -Dtest=LogPluginIndexTest -Dlog4j.index.update=true}.
 */
class LogPluginIndexTest {

    static final Path INDEX = Path.of("src/runner", PluginProcessor.PLUGIN_CACHE_FILE);

    @Test
    void theRunnableJarsPluginIndexMergesThoseOfTheLog4jJars() throws IOException {
        List<URL> jars = new ArrayList<>();
        for (URL url : Collections.list(getClass().getClassLoader().getResources(PluginProcessor.PLUGIN_CACHE_FILE))) {
            if (url.getProtocol().equals("jar")) {
                jars.add(url);
            }
        }
        assertEquals(2, jars.size(), "log4j-core and log4j-layout-template-json: " + jars);
        PluginCache merged = new PluginCache();
        merged.loadCacheFiles(Collections.enumeration(jars));
        assertTrue(merged.getCategory("core").containsKey("console") && merged.getCategory("core").containsKey("patternlayout")
                && merged.getCategory("core").containsKey("jsontemplatelayout"), merged.getAllCategories().keySet().toString());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        merged.writeCache(bytes);
        if (Boolean.getBoolean("log4j.index.update")) {
            Files.createDirectories(INDEX.getParent());
            Files.write(INDEX, bytes.toByteArray());
        }
        assertTrue(Files.isRegularFile(INDEX), INDEX + " is missing (-Dlog4j.index.update=true writes it)");
        assertArrayEquals(bytes.toByteArray(), Files.readAllBytes(INDEX),
                INDEX + " is not the merge of the log4j jars' plugin indexes (-Dlog4j.index.update=true rewrites it)");
    }
}
