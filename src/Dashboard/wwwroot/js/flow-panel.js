// The flow of a signup through the system, as rates per second measured by the dashboard from the
// nodes' counters: signups accepted by the User node, records the publisher put on Kafka, e-mails the
// Email nodes sent, and records they gave up on (dead letters).

import { setAttributes, setText } from "./dom.js";
import { formatCount, formatRate } from "./format.js";
import { Sparkline } from "./sparkline.js";

const OUTCOME_LABELS = [
    ["created", "created"],
    ["conflict", "already registered"],
    ["invalid", "invalid"],
    ["rateLimited", "rate-limited"],
    ["unavailable", "unavailable"],
];

export class FlowPanel {
    #panel;
    #outcomes;
    #emailsTotal;
    #deadLetterCount;
    #totals;
    #sparklines = new Map();

    constructor(panel) {
        this.#panel = panel;
        for (const stage of panel.querySelectorAll("[data-rate]")) {
            this.#sparklines.set(stage.dataset.rate, new Sparkline(stage.querySelector(".stage-value")));
        }
        this.#outcomes = panel.querySelector("#signup-outcomes");
        this.#emailsTotal = panel.querySelector("#emails-total");
        this.#deadLetterCount = panel.querySelector("#dead-letter-count");
        this.#totals = panel.querySelector("#flow-totals");
    }

    render(flow) {
        const outcomes = flow.signupsPerSecond ?? {};
        // "Signups" counts every answered attempt, whatever its outcome; the breakdown below says which.
        const sum = Object.values(outcomes).reduce((total, value) => total + (value ?? 0), 0);
        // Rounded so data-value reads "1.7", not the float sum's "1.7000000000000002".
        const signups = Math.round(sum * 1000) / 1000;
        this.#setRate("signups", signups);
        this.#setRate("published", flow.publishedPerSecond);
        this.#setRate("emails", flow.emailsPerSecond);
        this.#setRate("dead-letters", flow.deadLettersPerSecond);

        const stage = this.#panel.querySelector('[data-rate="signups"]');
        for (const [key] of OUTCOME_LABELS) {
            setAttributes(stage, { [`data-${kebab(key)}`]: outcomes[key] ?? 0 });
        }
        setText(this.#outcomes, OUTCOME_LABELS
            .filter(([key]) => key === "created" || (outcomes[key] ?? 0) > 0)
            .map(([key, label]) => `${formatRate(outcomes[key] ?? 0)} ${label}`)
            .join(" · "));
        setText(this.#emailsTotal, `${formatCount(flow.emailsTotal)} in total`);
        setAttributes(this.#deadLetterCount, { "data-count": flow.deadLettersTotal });
        setText(this.#deadLetterCount, formatCount(flow.deadLettersTotal));
        setText(this.#totals, `Since the nodes started: ${formatCount(flow.signupsTotal)} signups, ` +
            `${formatCount(flow.emailsTotal)} e-mails, ${formatCount(flow.deadLettersTotal)} dead letters.`);
    }

    #setRate(name, value) {
        const stage = this.#panel.querySelector(`[data-rate="${name}"]`);
        setAttributes(stage, { "data-value": value ?? 0 });
        stage.classList.toggle("is-active", (value ?? 0) > 0);
        setText(stage.querySelector(".stage-number"), formatRate(value ?? 0));
        this.#sparklines.get(name).push(value ?? 0);
    }
}

function kebab(name) {
    return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}
