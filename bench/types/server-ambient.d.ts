// The server's ambient module declarations, for the server modules the benchmarks import.
/// <reference path="../../server/src/types/tls-sig-api-v2.d.ts" />
