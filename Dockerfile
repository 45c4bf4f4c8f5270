# One image recipe for every service: docker build --build-arg SERVICE=portal-service .
FROM debian:bookworm-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends openjdk-17-jdk-headless ca-certificates \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY contract contract
COPY local-stack local-stack
COPY web-theme web-theme
COPY platform-security platform-security
COPY live-feed live-feed
COPY auth-service auth-service
COPY ingest-service ingest-service
COPY merge-service merge-service
COPY portal-service portal-service
COPY e2e-tests e2e-tests
COPY benchmarks benchmarks
ARG SERVICE
RUN ./mvnw -B -ntp -q -DskipTests package -pl ${SERVICE} -am

FROM debian:bookworm-slim
# curl for the health check; the audio/X libraries are what JavaCV's FFmpeg natives link against.
RUN apt-get update && apt-get install -y --no-install-recommends openjdk-17-jre-headless curl \
    libpulse0 libasound2 libxcb-shm0 libx11-xcb1 libfreetype6 && rm -rf /var/lib/apt/lists/*
ARG SERVICE
COPY --from=build /src/${SERVICE}/target/${SERVICE}-exec.jar /app/app.jar
RUN useradd --system --home /app montazz && mkdir -p /app/work && chown montazz /app/work
USER montazz
ENV SPRING_PROFILES_ACTIVE=docker MONTAZZ_WORK_DIR=/app/work
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]
