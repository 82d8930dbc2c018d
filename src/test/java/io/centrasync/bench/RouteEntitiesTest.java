package io.centrasync.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RouteEntitiesTest {

    @Test
    void theShippedRoutesDeclareOrders() throws Exception {
        assertEquals("orders", RouteEntities.read(Path.of("routes")).get(0));
    }

    @Test
    void everyPollEntityInstanceCountsAndNothingElse(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("entities.camel.yaml"), """
                - templatedRoute:
                    routeTemplateRef: poll-entity
                    parameters:
                      - {name: entity, value: orders}
                      - {name: cron, value: "0 0/5 * * * ?"}
                - templatedRoute:
                    routeTemplateRef: something-else
                    parameters:
                      - {name: entity, value: not-an-entity}
                - templatedRoute:
                    routeTemplateRef: poll-entity
                    parameters:
                      - {name: entity, value: inventory}
                """);
        Files.writeString(dir.resolve("other.camel.yaml"), "- route:\n    from:\n      uri: direct:x\n      steps: []\n");
        Files.writeString(dir.resolve("notes.txt"), "- templatedRoute: {routeTemplateRef: poll-entity}\n");
        assertEquals(List.of("orders", "inventory"), RouteEntities.read(dir));
    }
}
