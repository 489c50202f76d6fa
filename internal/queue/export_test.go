package queue

// ServerConfigFor exposes the defaults Server applies, for tests.
var ServerConfigFor = serverConfig
