// The experiments (embedded run only): a signup burst, a delivery delay on the Email nodes, and
// stopping/starting a broker. The panel is hidden when the snapshot says experiments are off. The
// server is the judge of the limits (it knows MaxBurstRate etc.), so the forms skip the browser's own
// validation and show the server's problem detail instead.

import { ProblemError, sendJson } from "./api.js";
import { el, setAttributes, setText, syncKeyed } from "./dom.js";
import { formatCount, formatMilliseconds } from "./format.js";

const DEFAULT_BURST_SECONDS = 30;

export class ActionsPanel {
    #panel;
    #showError;
    #burstRate;
    #burstSeconds;
    #burstStart;
    #burstStop;
    #burstStatus;
    #burstDefault;
    #mailDelay;
    #mailDelayStatus;
    #brokerControls;
    #prefilled = false;
    #pending = new Set();
    #lastActions = null;
    #lastBrokers = [];

    /** showError(message | null, near): shows a failed action's problem detail (#action-error) after near. */
    constructor(panel, showError) {
        this.#panel = panel;
        this.#showError = showError;
        this.#burstRate = panel.querySelector("#burst-rate");
        this.#burstSeconds = panel.querySelector("#burst-seconds");
        this.#burstStart = panel.querySelector("#burst-start");
        this.#burstStop = panel.querySelector("#burst-stop");
        this.#burstStatus = panel.querySelector("#burst-status");
        this.#burstDefault = panel.querySelector("#burst-default");
        this.#mailDelay = panel.querySelector("#mail-delay-ms");
        this.#mailDelayStatus = panel.querySelector("#mail-delay-status");
        this.#brokerControls = panel.querySelector("#broker-controls");

        const burstForm = panel.querySelector("#burst-form");
        const mailDelayForm = panel.querySelector("#mail-delay-form");
        burstForm.noValidate = true;
        mailDelayForm.noValidate = true;
        burstForm.addEventListener("submit", (event) => {
            event.preventDefault();
            this.#run("Burst", this.#burstStart, "POST", "/api/actions/burst",
                { rate: numberOrNull(this.#burstRate.value), seconds: numberOrNull(this.#burstSeconds.value) });
        });
        this.#burstStop.addEventListener("click", () => this.#run("Stopping the burst", this.#burstStop, "DELETE", "/api/actions/burst"));
        mailDelayForm.addEventListener("submit", (event) => {
            event.preventDefault();
            this.#run("Mail delay", panel.querySelector("#mail-delay-apply"), "PUT", "/api/actions/mail-delay",
                { milliseconds: numberOrNull(this.#mailDelay.value) });
        });
        panel.querySelector("#mail-delay-clear").addEventListener("click", (event) => {
            this.#mailDelay.value = "0";
            this.#run("Removing the mail delay", event.currentTarget, "DELETE", "/api/actions/mail-delay");
        });
    }

    /** brokers: the roster (see broker-roster.js), so a stopped broker keeps its Start button. */
    render(snapshot, brokers) {
        this.#panel.hidden = !snapshot.experiments;
        const actions = snapshot.actions;
        if (!snapshot.experiments || !actions) {
            return;
        }
        this.#lastActions = actions;
        if (!this.#prefilled) {
            // Only once: after that the fields are the user's, and a refresh must not overwrite typing.
            this.#burstRate.value = String(10 * (snapshot.calmRate ?? 1));
            this.#burstSeconds.value = String(DEFAULT_BURST_SECONDS);
            this.#mailDelay.value = String(actions.mailDelayMs ?? 0);
            this.#prefilled = true;
        }
        setText(this.#burstDefault, `The default is 10× the calm rate of ${snapshot.calmRate}/s, for ${DEFAULT_BURST_SECONDS} s.`);
        this.#renderBurst(actions.burst, snapshot.at);
        this.#renderMailDelay(actions.mailDelayMs ?? 0);
        this.#renderBrokers(brokers);
    }

    #renderBurst(burst, at) {
        const running = Boolean(burst?.running);
        const outcomes = burst?.outcomes ?? {};
        setAttributes(this.#burstStatus, {
            "data-running": String(running),
            "data-sent": burst?.sent ?? 0,
            "data-created": outcomes.created ?? 0,
        });
        const counts = `${formatCount(burst?.sent ?? 0)} sent: ${formatCount(outcomes.created ?? 0)} created, ` +
            `${formatCount(outcomes.rateLimited ?? 0)} rate-limited, ${formatCount(outcomes.failed ?? 0)} failed`;
        let text = "No burst has run yet.";
        if (running) {
            const elapsed = burst.startedAt ? Math.max(0, Math.round((Date.parse(at) - Date.parse(burst.startedAt)) / 1000)) : null;
            text = `Running at ${burst.rate}/s` + (elapsed === null ? "" : `, ${Math.min(elapsed, burst.seconds)} of ${burst.seconds} s`) + ` — ${counts}.`;
        } else if ((burst?.sent ?? 0) > 0) {
            text = `Last burst (${burst.rate}/s for ${burst.seconds} s) — ${counts}.`;
        }
        setText(this.#burstStatus, text);
        this.#burstStart.disabled = running || this.#pending.has(this.#burstStart);
        this.#burstStop.disabled = !running || this.#pending.has(this.#burstStop);
    }

    #renderMailDelay(ms) {
        setAttributes(this.#mailDelayStatus, { "data-ms": ms });
        setText(this.#mailDelayStatus, ms > 0 ? `Each delivery waits ${formatMilliseconds(ms)} before it starts.` : "No delay.");
    }

    #renderBrokers(brokers) {
        this.#lastBrokers = brokers;
        const upCount = brokers.filter((broker) => broker.state !== "down").length;
        syncKeyed(this.#brokerControls, brokers, (broker) => broker.id,
            (broker) => this.#createBrokerControl(broker),
            (item, broker) => {
                const isDown = broker.state === "down";
                const [label, stop, start] = item.children;
                setText(label, `Broker ${broker.id} — ${isDown ? "down" : "up"}`);
                item.dataset.state = isDown ? "down" : "up";
                // The last broker up cannot be stopped (the server answers 409); say so before the click.
                stop.disabled = isDown || upCount <= 1 || this.#pending.has(stop);
                start.disabled = !isDown || this.#pending.has(start);
            });
    }

    #createBrokerControl(broker) {
        const stop = el("button", { type: "button", "data-broker-stop": broker.id }, "Stop");
        const start = el("button", { type: "button", class: "quiet", "data-broker-start": broker.id }, "Start");
        setAttributes(stop, { "aria-label": `Stop broker ${broker.id}` });
        setAttributes(start, { "aria-label": `Start broker ${broker.id}` });
        stop.addEventListener("click", () => this.#run(`Stopping broker ${broker.id}`, stop, "POST", `/api/actions/brokers/${broker.id}/stop`));
        start.addEventListener("click", () => this.#run(`Starting broker ${broker.id}`, start, "POST", `/api/actions/brokers/${broker.id}/start`));
        return el("li", {}, el("span", { class: "broker-label" }), stop, start);
    }

    /**
     * Sends one action; the button stays disabled until the answer, so a double click sends once. A
     * new action clears the last one's error, so what is shown is always about the latest attempt.
     */
    async #run(what, button, method, url, body) {
        this.#pending.add(button);
        button.disabled = true;
        this.#showError(null);
        try {
            await sendJson(method, url, body);
        } catch (error) {
            this.#showError(`${what} failed: ${error instanceof ProblemError ? error.message : String(error)}`, button.closest("fieldset"));
        } finally {
            this.#pending.delete(button);
            button.disabled = false;
            // The next snapshot shows the effect; until then the buttons follow the last known state.
            if (this.#lastActions) {
                this.#renderBurst(this.#lastActions.burst, new Date().toISOString());
                this.#renderBrokers(this.#lastBrokers);
            }
        }
    }
}

function numberOrNull(text) {
    const trimmed = text.trim();
    return trimmed === "" ? null : Number(trimmed);
}
