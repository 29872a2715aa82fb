package jp.madoguchi.app.ui;

/** The link to the central system as the sync engine sees it (sync-protocol.md). */
public enum LinkState {
    ONLINE,
    /** Reachable but slow or failing some calls. */
    DEGRADED,
    OFFLINE
}
