# Build stage: Maven + JDK 17 produce target/centra-sync.jar (tests run in CI, not here)
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
RUN mvn -B -q package -DskipTests

# Runtime stage: JRE 17, the jar, and the editable routes and mappings
FROM eclipse-temurin:17-jre
RUN useradd --system --home /app centra
WORKDIR /app
COPY --from=build /src/target/centra-sync.jar /app/centra-sync.jar
COPY routes /app/routes
COPY mappings /app/mappings
RUN mkdir -p /app/data && chown centra /app/data
USER centra
# CENTRA_ENDPOINT, CENTRA_TOKEN or CENTRA_TOKEN_FILE, SINK_JDBC_URL, SINK_JDBC_USER, SINK_JDBC_PASSWORD, MAPPINGS_DIR
ENV MAPPINGS_DIR=/app/mappings/default ROUTES_DIR=/app/routes
VOLUME ["/app/data"]
# JVM options (override with -e JAVA_OPTS=...): a 256 MB heap runs a backfill of 1M orders (see the
# README's benchmark); the parallel collector, as a sync is a throughput job with a small live set;
# half the heap young, with survivors large enough for the pages in flight, so they are not promoted;
# an old generation that starts at 32 MB and grows only as the live set needs, so the garbage H2's
# cache leaves there is collected early and peak memory does not grow with the length of a run
ENV JAVA_OPTS="-Xmx256m -XX:+UseParallelGC -XX:-UseAdaptiveSizePolicy -Xmn128m -Xms160m -XX:MinHeapFreeRatio=20 -XX:MaxHeapFreeRatio=40 -XX:SurvivorRatio=4 -XX:MaxTenuringThreshold=15"
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/centra-sync.jar \"$@\"", "centra-sync"]
CMD ["run"]
