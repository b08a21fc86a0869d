"""Clients for the outside systems: one subpackage per system, all on `http.HttpClient`.

`http` (async client with retries, pacing and bounded concurrency), `eventloop` (the one loop
synchronous callers run connector coroutines on), `errors` (the ConnectorError hierarchy),
`ratelimit` (client-side pacing policies) and `jsonio` (Decimal-exact JSON) are shared;
`economic`, `stripe`, ... each hold one system's typed client.
"""
