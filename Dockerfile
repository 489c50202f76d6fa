# The formwork binary in a small image. The web app's built files are
# committed under web/dist and embedded at build time, so no Node.js here.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" \
    -o /out/formwork ./cmd/formwork

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/formwork /usr/local/bin/formwork
ENV FORMWORK_ADDR=:8080 FORMWORK_DATA_DIR=/data FORMWORK_LOG_FORMAT=json
VOLUME /data
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/formwork"]
CMD ["serve"]
