// Wires the page: one stream of snapshots in, every panel redrawn from each one. A section that is
// null (its source failed this refresh) leaves its panel on the last state it showed, marked stale.

import { sendJson } from "./api.js";
import { ActionsPanel } from "./actions.js";
import { BrokerRoster } from "./broker-roster.js";
import { ClusterPanel } from "./cluster-panel.js";
import { DeadLettersPanel } from "./dead-letters.js";
import { showStale } from "./dom.js";
import { FlowPanel } from "./flow-panel.js";
import { GroupPanel } from "./group-panel.js";
import { KafkaDiagram } from "./kafka-diagram.js";
import { LagChart } from "./lag-chart.js";
import { LagHistory } from "./lag-history.js";
import { StatusBar } from "./status-bar.js";
import { connectStream } from "./stream.js";

const panel = (name) => document.querySelector(`[data-panel="${name}"]`);

const status = new StatusBar();
const showActionError = (message, near) => status.showActionError(message, near);
const kafka = new KafkaDiagram(panel("kafka"));
const group = new GroupPanel(panel("group"));
const lagChart = new LagChart(document.getElementById("lag-chart"), document.getElementById("lag-legend"));
lagChart.highlightOn(document.getElementById("group-partitions"), document.getElementById("lag-legend"));
const lagHistory = new LagHistory();
// The full history comes with the first event after a (re)connect; if that event had no group section,
// the next one that has it starts the history afresh instead of appending to an old one.
let replaceLagHistory = true;
const flow = new FlowPanel(panel("flow"));
const deadLetters = new DeadLettersPanel(panel("dead-letters"), showActionError);
const cluster = new ClusterPanel(panel("cluster"));
const actions = new ActionsPanel(panel("actions"), showActionError);
const brokerRoster = new BrokerRoster();
// Kept from the last group section, so the diagram still shows them when only the lag read failed.
let signupEnds = new Map();

/** Draws one section, or marks its panel stale when the section is missing; one panel's bug never blanks the rest. */
function section(panelName, value, draw) {
    showStale(panel(panelName), value === null || value === undefined);
    if (value === null || value === undefined) {
        return;
    }
    try {
        draw(value);
    } catch (error) {
        console.error(`Could not draw the ${panelName} panel`, error);
    }
}

function render(snapshot, isFirstAfterConnect) {
    const nowMs = Date.parse(snapshot.at) || Date.now();
    replaceLagHistory ||= isFirstAfterConnect;
    status.render(snapshot);
    const brokers = brokerRoster.update(snapshot.kafka?.brokers ?? null, snapshot.actions?.brokersDown ?? []);
    if (snapshot.group) {
        signupEnds = new Map(snapshot.group.partitions.map((partition) => [partition.partition, partition.end]));
    }
    section("kafka", snapshot.kafka, (value) => kafka.render(value, brokers, signupEnds, nowMs));
    section("group", snapshot.group, (value) => {
        if (replaceLagHistory) {
            lagHistory.replace(value.lagHistory, nowMs);
            replaceLagHistory = false;
        } else {
            lagHistory.append(value.lagHistory, nowMs);
        }
        group.render(value);
        lagChart.render(lagHistory.series(), lagHistory.windowMs, nowMs);
    });
    section("flow", snapshot.flow, (value) => flow.render(value));
    section("dead-letters", snapshot.deadLetters, (value) => deadLetters.render(value));
    section("cluster", snapshot.userCluster, (value) => cluster.render(value));
    try {
        actions.render(snapshot, brokers);
    } catch (error) {
        console.error("Could not draw the actions panel", error);
    }
}

document.getElementById("logout").addEventListener("click", async () => {
    try {
        await sendJson("POST", "/logout");
    } finally {
        window.location.assign("/login");
    }
});

connectStream("/api/stream", {
    onSnapshot: render,
    onState: (state) => status.showConnection(state),
});
