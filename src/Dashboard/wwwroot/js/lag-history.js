// The lag chart's data: per partition a list of [unixMilliseconds, lag]. The first stream event after
// a (re)connect carries the server's whole history; later events carry only the new points, which are
// appended here. Points older than the window are dropped so a page left open does not grow forever.

/** The server's default LagHistory; the window also widens to whatever span a full history covers. */
const DEFAULT_WINDOW_MS = 5 * 60 * 1000;

export class LagHistory {
    #series = new Map();
    #windowMs = DEFAULT_WINDOW_MS;

    /** Takes a full history (first event after connecting), replacing what was kept. */
    replace(history, nowMs) {
        this.#series = new Map();
        let oldest = nowMs;
        for (const [partition, points] of Object.entries(history ?? {})) {
            const sorted = validPoints(points).sort((a, b) => a[0] - b[0]);
            this.#series.set(Number(partition), sorted);
            if (sorted.length > 0) {
                oldest = Math.min(oldest, sorted[0][0]);
            }
        }
        this.#windowMs = Math.max(DEFAULT_WINDOW_MS, nowMs - oldest);
        this.#trim(nowMs);
    }

    /** Appends the new points of a later event; a point not newer than the last one kept is a repeat. */
    append(history, nowMs) {
        for (const [partition, points] of Object.entries(history ?? {})) {
            const key = Number(partition);
            const kept = this.#series.get(key) ?? [];
            for (const point of validPoints(points)) {
                if (kept.length === 0 || point[0] > kept[kept.length - 1][0]) {
                    kept.push(point);
                }
            }
            this.#series.set(key, kept);
        }
        this.#trim(nowMs);
    }

    get windowMs() {
        return this.#windowMs;
    }

    /** Partitions in order, each with its points oldest first. */
    series() {
        return [...this.#series.entries()].sort((a, b) => a[0] - b[0]);
    }

    #trim(nowMs) {
        const cutoff = nowMs - this.#windowMs;
        for (const [partition, points] of this.#series) {
            const firstKept = points.findIndex(([at]) => at >= cutoff);
            if (firstKept === -1) {
                this.#series.delete(partition);
            } else if (firstKept > 0) {
                points.splice(0, firstKept);
            }
        }
    }
}

function validPoints(points) {
    return (Array.isArray(points) ? points : [])
        .filter((point) => Array.isArray(point) && Number.isFinite(point[0]) && Number.isFinite(point[1]))
        .map(([at, lag]) => [at, lag]);
}
