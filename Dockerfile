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
# the parallel collector: a sync is a throughput job with a small live set; it costs less CPU than G1
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+UseParallelGC", "-jar", "/app/centra-sync.jar"]
CMD ["run"]
