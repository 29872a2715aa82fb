package jp.madoguchi.cache;

/** The link to central as the status bar shows it (sync-protocol.md "Link probing"). */
public enum LinkState {
    /** Central answers, promptly and without errors. */
    ONLINE,
    /** Central answers, but slowly or with errors (5xx, 429, 503, reset, timeout). */
    DEGRADED,
    /** Central cannot be reached at all (connection refused, no route, TLS handshake failed). */
    OFFLINE
}
