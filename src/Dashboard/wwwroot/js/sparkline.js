// A tiny line of a rate's last minute under its number, so a burst reads as a shape and not only as a
// number that changed. Decoration: the number beside it is the value (aria-hidden on the svg).

import { setAttributes, svgEl } from "./dom.js";

const POINTS = 60;
const WIDTH = 100;
const HEIGHT = 24;

export class Sparkline {
    #values = [];
    #line;

    constructor(container) {
        const svg = svgEl("svg", { class: "sparkline", viewBox: `0 0 ${WIDTH} ${HEIGHT}`, preserveAspectRatio: "none", "aria-hidden": "true" });
        this.#line = svg.appendChild(svgEl("polyline"));
        container.append(svg);
    }

    push(value) {
        this.#values.push(Number.isFinite(value) ? value : 0);
        if (this.#values.length > POINTS) {
            this.#values.shift();
        }
        // Scaled to its own largest value (at least 1/s), so a calm 2/s still draws a visible line.
        const top = Math.max(1, ...this.#values);
        const step = WIDTH / (POINTS - 1);
        const offset = POINTS - this.#values.length;
        setAttributes(this.#line, {
            points: this.#values.map((v, i) => `${((offset + i) * step).toFixed(1)},${(HEIGHT - 1 - (v / top) * (HEIGHT - 2)).toFixed(1)}`).join(" "),
        });
    }
}
