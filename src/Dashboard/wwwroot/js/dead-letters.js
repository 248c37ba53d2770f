// The newest dead letters with the reason the Email node gave up (its dlt-exception-* headers), and a
// replay button that puts one record back on the signup topic. Replay is an admin action, not an
// experiment, so it works in read-only mode too.

import { ProblemError, sendJson } from "./api.js";
import { el, setAttributes, setText, syncKeyed } from "./dom.js";
import { formatClock, shortTypeName } from "./format.js";

export class DeadLettersPanel {
    #rows;
    #table;
    #empty;
    #result;
    #showError;

    /** showError(message | null, near): shows a failed replay's problem detail (#action-error) after near. */
    constructor(panel, showError) {
        this.#rows = panel.querySelector("#dead-letters");
        this.#table = panel.querySelector(".table-scroll");
        this.#empty = panel.querySelector("#dead-letters-empty");
        this.#result = panel.querySelector("#replay-result");
        this.#showError = showError;
    }

    render(deadLetters) {
        this.#empty.hidden = deadLetters.length > 0;
        this.#table.hidden = deadLetters.length === 0;
        syncKeyed(this.#rows, deadLetters, (item) => `${item.partition}:${item.offset}`,
            (item) => this.#createRow(item), updateRow);
    }

    #createRow(item) {
        const button = el("button", { type: "button", class: "quiet", "data-replay": "" }, "Replay");
        setAttributes(button, { "aria-label": `Replay dead letter ${item.partition}:${item.offset}` });
        button.addEventListener("click", () => this.#replay(button, item.partition, item.offset));
        return el("tr", {},
            el("td"),
            el("td"),
            el("td"),
            el("td", { class: "reason" }, el("span", { class: "reason-type" }), el("span", { class: "reason-message" })),
            el("td", {}, button));
    }

    async #replay(button, partition, offset) {
        button.disabled = true;
        this.#showError(null);
        // Forget the last replay's answer, so data-replayed always belongs to the latest one.
        setAttributes(this.#result, { "data-replayed": null });
        this.#result.hidden = true;
        try {
            const answer = await sendJson("POST", "/api/dead-letters/replay", { partition, fromOffset: offset, toOffset: offset });
            const replayed = answer?.replayed ?? 0;
            setAttributes(this.#result, { "data-replayed": replayed });
            setText(this.#result, `Replayed ${replayed} ${replayed === 1 ? "record" : "records"} from dead-letter ` +
                `partition ${partition}, offset ${offset}. It goes through the Email node again; ` +
                "if it fails again it comes back here as a new dead letter.");
            this.#result.hidden = false;
        } catch (error) {
            this.#showError(`Replay failed: ${error instanceof ProblemError ? error.message : String(error)}`, this.#result);
        } finally {
            button.disabled = false;
        }
    }
}

function updateRow(row, item) {
    setAttributes(row, {
        "data-dead-letter": "",
        "data-partition": item.partition,
        "data-offset": item.offset,
        "data-reason": item.reason ?? "",
        "data-original-partition": item.originalPartition ?? "",
        "data-original-offset": item.originalOffset ?? "",
    });
    const [written, where, original, reason] = row.children;
    setText(written, formatClock(item.timestamp));
    written.title = item.timestamp ?? "";
    setText(where, `${item.partition}:${item.offset}`);
    setText(original, item.originalPartition === null || item.originalPartition === undefined
        ? "—" : `${item.originalPartition}:${item.originalOffset}`);
    const [type, message] = reason.children;
    setText(type, shortTypeName(item.reason));
    setText(message, item.message ?? "");
    reason.title = [item.reason, item.message, item.eventId ? `event ${item.eventId}` : null].filter(Boolean).join("\n");
}
