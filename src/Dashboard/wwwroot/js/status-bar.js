// The top of the page: whether the stream is live, when the shown snapshot was taken, which sources
// failed in it, and the one place a failed action's problem is shown.

import { el, setAttributes, setText, syncKeyed } from "./dom.js";
import { formatClock } from "./format.js";

export class StatusBar {
    #connection = document.getElementById("connection");
    #lastUpdate = document.getElementById("last-update");
    #mode = document.getElementById("mode");
    #errors = document.getElementById("errors");
    #errorsBox = document.getElementById("source-errors");
    #actionError = document.getElementById("action-error");

    showConnection(state) {
        setAttributes(this.#connection, { "data-state": state });
        setText(this.#connection, state === "live" ? "Live" : "Reconnecting…");
    }

    render(snapshot) {
        setAttributes(this.#lastUpdate, { "data-at": snapshot.at, datetime: snapshot.at });
        setText(this.#lastUpdate, formatClock(snapshot.at));
        this.#mode.hidden = false;
        setText(this.#mode, snapshot.experiments ? "experiments on" : "read-only");

        const errors = snapshot.errors ?? [];
        this.#errorsBox.hidden = errors.length === 0;
        syncKeyed(this.#errors, errors, (error) => `${error.source}\n${error.message}`,
            () => el("li", { "data-source-error": "" }, el("strong"), el("span")),
            (item, error) => {
                setText(item.firstChild, error.source);
                setText(item.lastChild, `: ${error.message}`);
            });
    }

    /** Shows a failed action's problem detail; null clears it once an action succeeds. */
    showActionError(message) {
        this.#actionError.hidden = message === null;
        setText(this.#actionError, message ?? "");
    }
}
