// Lag over time as an SVG line chart: one line per partition over the history window, time running
// left to right up to the newest snapshot, a y axis that grows with the largest lag shown. The axes are
// redrawn on every refresh; the lines themselves keep their elements and only get new points.

import { el, setAttributes, setText, svgEl, syncKeyed } from "./dom.js";
import { formatCount } from "./format.js";
import { seriesColor } from "./series-colors.js";

const WIDTH = 640;
const HEIGHT = 220;
const MARGIN = { left: 48, right: 16, top: 22, bottom: 30 };
const PLOT_WIDTH = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_HEIGHT = HEIGHT - MARGIN.top - MARGIN.bottom;
const TIME_STEPS_MS = [15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 1_800_000];
// Readings come about once a second; a longer silence means the lag could not be read, and a straight
// line across it would draw values nobody measured, so the line breaks there instead.
const GAP_MS = 10_000;

export class LagChart {
    #axes;
    #lines;
    #ends;
    #legend;
    #highlighted = null;

    constructor(svg, legend) {
        this.#legend = legend;
        setAttributes(svg, { viewBox: `0 0 ${WIDTH} ${HEIGHT}` });
        this.#axes = svg.appendChild(svgEl("g", { class: "axes" }));
        this.#lines = svg.appendChild(svgEl("g", { class: "lines" }));
        this.#ends = svg.appendChild(svgEl("g", { class: "line-ends" }));
    }

    /**
     * Pointing at a partition (its row in the group table, or its legend entry) brings its line to the
     * front and fades the others: with three lines on top of each other at lag 0, it is the only way
     * to follow one.
     */
    highlightOn(...containers) {
        for (const container of containers) {
            container.addEventListener("mouseover", (event) => {
                const item = event.target.closest("[data-lag-partition], [data-legend-partition]");
                this.#highlight(item?.dataset.lagPartition ?? item?.dataset.legendPartition ?? null);
            });
            container.addEventListener("mouseleave", () => this.#highlight(null));
        }
    }

    #highlight(partition) {
        this.#highlighted = partition;
        this.#applyHighlight();
    }

    #applyHighlight() {
        const partition = this.#highlighted;
        for (const line of Array.from(this.#lines.children)) {
            line.classList.toggle("faded", partition !== null && line.dataset.series !== partition);
            if (line.dataset.series === partition) {
                this.#lines.append(line);
            }
        }
    }

    /** series: [[partition, [[unixMs, lag], …]], …] oldest point first; nowMs: the newest snapshot's time. */
    render(series, windowMs, nowMs) {
        const start = nowMs - windowMs;
        const largest = Math.max(0, ...series.flatMap(([, points]) => points.map(([, lag]) => lag)));
        const yTicks = niceTicks(largest);
        const yMax = yTicks[yTicks.length - 1];
        const x = (at) => MARGIN.left + ((at - start) / windowMs) * PLOT_WIDTH;
        const y = (lag) => MARGIN.top + PLOT_HEIGHT - (lag / yMax) * PLOT_HEIGHT;

        this.#axes.replaceChildren(...drawYAxis(yTicks, y), ...drawTimeAxis(windowMs, nowMs, x),
            series.length === 0 ? svgEl("text", { class: "chart-empty", x: WIDTH / 2, y: HEIGHT / 2 }, "Waiting for lag readings…") : null);

        syncKeyed(this.#lines, series, ([partition]) => partition, () => svgEl("path"), (line, [partition, points]) =>
            setAttributes(line, {
                "data-series": partition,
                class: "series",
                stroke: seriesColor(partition),
                d: pathThrough(points, x, y),
            }));
        this.#applyHighlight();

        // A dot on each line's newest point: a line of one point draws nothing, and the eye wants "now".
        this.#ends.replaceChildren(...series.filter(([, points]) => points.length > 0).map(([partition, points]) => {
            const [at, lag] = points[points.length - 1];
            return svgEl("circle", { cx: x(at).toFixed(1), cy: y(lag).toFixed(1), r: 3.5, fill: seriesColor(partition) });
        }));

        syncKeyed(this.#legend, series, ([partition]) => partition,
            () => el("li", {}, el("span", { class: "series-swatch", "aria-hidden": "true" }), el("span")),
            (item, [partition, points]) => {
                item.dataset.legendPartition = String(partition);
                item.firstChild.style.background = seriesColor(partition);
                const latest = points.length > 0 ? points[points.length - 1][1] : null;
                setText(item.lastChild, `partition ${partition}: lag ${formatCount(latest)}`);
            });
    }
}

/** An SVG path through the points, starting a new piece after every gap in the readings. */
function pathThrough(points, x, y) {
    let previousAt = null;
    return points.map(([at, lag]) => {
        const command = previousAt === null || at - previousAt > GAP_MS ? "M" : "L";
        previousAt = at;
        return `${command}${x(at).toFixed(1)},${y(lag).toFixed(1)}`;
    }).join(" ");
}

function drawYAxis(ticks, y) {
    return ticks.flatMap((tick) => [
        svgEl("line", { class: tick === 0 ? "axis-line" : "grid-line", x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(tick), y2: y(tick) }),
        svgEl("text", { class: "tick-label tick-y", x: MARGIN.left - 6, y: y(tick) + 4 }, formatCount(tick)),
    ]).concat(svgEl("text", { class: "axis-title", x: 4, y: 12 }, "lag"));
}

function drawTimeAxis(windowMs, nowMs, x) {
    const step = TIME_STEPS_MS.find((candidate) => windowMs / candidate <= 6) ?? TIME_STEPS_MS[TIME_STEPS_MS.length - 1];
    const elements = [];
    for (let ago = 0; ago <= windowMs; ago += step) {
        const at = nowMs - ago;
        elements.push(
            svgEl("line", { class: "tick", x1: x(at), x2: x(at), y1: HEIGHT - MARGIN.bottom, y2: HEIGHT - MARGIN.bottom + 4 }),
            svgEl("text", { class: "tick-label tick-x", x: x(at), y: HEIGHT - MARGIN.bottom + 18 }, ago === 0 ? "now" : relativeLabel(ago)));
    }
    return elements;
}

function relativeLabel(agoMs) {
    const seconds = Math.round(agoMs / 1000);
    return seconds % 60 === 0 ? `−${seconds / 60} min` : `−${seconds} s`;
}

/** 0 and four or five round steps covering the largest value (at least 0..4, so a quiet chart is not all noise). */
function niceTicks(largest) {
    const target = Math.max(largest, 4);
    const rough = target / 4;
    const magnitude = 10 ** Math.floor(Math.log10(rough));
    const step = [1, 2, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= rough);
    const ticks = [];
    for (let tick = 0; tick < target + step; tick += step) {
        ticks.push(tick);
        if (tick >= target) {
            break;
        }
    }
    return ticks;
}
