// The live connection: one EventSource on /api/stream. The browser retries a dropped stream by itself
// (the server sends retry: 2000); we only step in when it gives up (an HTTP error closes it for good)
// or when the stream goes silent without an error, which a proxy or a hung server can cause.

const SILENCE_LIMIT_MS = 10_000;
const MAX_RETRY_DELAY_MS = 15_000;

/**
 * Connects and calls onSnapshot(snapshot, isFirstAfterConnect) per event and onState("live" |
 * "reconnecting") when the connection changes. The first event after every (re)connect holds the
 * full lag history; the flag tells the caller to replace rather than append.
 */
export function connectStream(url, { onSnapshot, onState }) {
    let source = null;
    let firstEventPending = true;
    let silenceTimer = 0;
    let retryDelay = 2000;

    const open = () => {
        source = new EventSource(url, { withCredentials: true });
        firstEventPending = true;
        source.addEventListener("open", () => {
            firstEventPending = true;
        });
        source.addEventListener("snapshot", (event) => {
            let snapshot;
            try {
                snapshot = JSON.parse(event.data);
            } catch (error) {
                console.error("Ignored a snapshot event that is not JSON", error);
                return;
            }
            retryDelay = 2000;
            watchSilence();
            onState("live");
            const first = firstEventPending;
            firstEventPending = false;
            onSnapshot(snapshot, first);
        });
        source.addEventListener("error", () => {
            onState("reconnecting");
            if (source.readyState === EventSource.CLOSED) {
                retryLater();
            }
        });
        watchSilence();
    };

    const watchSilence = () => {
        clearTimeout(silenceTimer);
        silenceTimer = setTimeout(() => {
            onState("reconnecting");
            retryLater();
        }, SILENCE_LIMIT_MS);
    };

    const retryLater = async () => {
        clearTimeout(silenceTimer);
        source?.close();
        if (await sessionEnded()) {
            window.location.assign("/login");
            return;
        }
        setTimeout(open, retryDelay);
        retryDelay = Math.min(retryDelay * 2, MAX_RETRY_DELAY_MS);
    };

    open();
}

/** An EventSource cannot see status codes, so ask the snapshot endpoint whether the login is gone. */
async function sessionEnded() {
    try {
        const response = await fetch("/api/snapshot", { credentials: "same-origin", headers: { Accept: "application/json" } });
        return response.status === 401;
    } catch {
        return false;
    }
}
