// The top of the page: whether the stream is live, when the shown snapshot was taken and which sources
// failed in it; and the one element (#action-error) that shows a failed action's problem.

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

    /**
     * Shows a failed action's problem detail right after `near` (the control's fieldset, the dead-letter
     * list), where the eye is when the click fails, rather than at the top of a page scrolled away
     * from; null hides it.
     */
    showActionError(message, near = null) {
        if (near && this.#actionError.previousElementSibling !== near) {
            near.after(this.#actionError);
        }
        this.#actionError.hidden = message === null;
        setText(this.#actionError, message ?? "");
    }
}
