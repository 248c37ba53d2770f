// The course diagram, drawn from live metadata: brokers as columns, one row per partition, and in each
// row a box in the column of every broker holding a replica. The leader's box is filled and marked L,
// followers are outlined, a replica out of the ISR is dashed, a stopped broker's column is greyed.
// A leader that moved since the last refresh pulses for a few seconds so the move is seen.

import { joinIds, setAttributes, svgEl, syncKeyed } from "./dom.js";
import { formatCount } from "./format.js";

const GUTTER = 132;
const COLUMN_WIDTH = 176;
const HEADER_HEIGHT = 66;
const TOPIC_HEIGHT = 30;
const ROW_HEIGHT = 34;
const BOX_HEIGHT = 26;
const BOTTOM_PADDING = 10;
const MOVE_HIGHLIGHT_MS = 4000;

const TOPIC_ROLE_LABELS = { signups: "signups", "dead-letters": "dead letters" };

export class KafkaDiagram {
    #svg;
    #table;
    #columns;
    #rows;
    #leaders = new Map();
    #movedAt = new Map();

    constructor(panel) {
        this.#svg = panel.querySelector("#kafka-diagram");
        this.#table = panel.querySelector("#kafka-table");
        this.#svg.append(svgEl("defs", {}, hatchPattern()));
        this.#columns = this.#svg.appendChild(svgEl("g", { class: "broker-columns" }));
        this.#rows = this.#svg.appendChild(svgEl("g", { class: "partition-rows" }));
    }

    /**
     * brokers: the roster (see broker-roster.js), which also holds the stopped brokers Kafka no longer
     * lists; signupEnds: end offset per partition of the signup topic (from the group section), shown
     * under each partition so records are seen spreading over the partitions.
     */
    render(kafka, brokers, signupEnds, nowMs) {
        const columnOf = new Map(brokers.map((broker, index) => [broker.id, index]));
        const downBrokers = new Set(brokers.filter((broker) => broker.state === "down").map((broker) => broker.id));
        const rows = layoutRows(kafka.topics);
        const height = HEADER_HEIGHT + rows.height + BOTTOM_PADDING;
        const width = GUTTER + Math.max(brokers.length, 1) * COLUMN_WIDTH;
        setAttributes(this.#svg, { viewBox: `0 0 ${width} ${height}` });

        syncKeyed(this.#columns, brokers, (broker) => broker.id, () => svgEl("g"), (column, broker) =>
            drawBrokerColumn(column, broker, columnOf.get(broker.id), height, kafka.controllerId));

        syncKeyed(this.#rows, rows.items, (item) => item.key, () => svgEl("g"), (group, item) => {
            if (item.kind === "topic") {
                drawTopicBand(group, item, width);
            } else {
                const moved = this.#noteLeader(item.topic.name, item.partition, nowMs);
                const end = item.topic.role === "signups" ? signupEnds.get(item.partition.partition) : undefined;
                drawPartitionRow(group, item, columnOf, downBrokers, moved, end);
            }
        });

        this.#renderTable(kafka.topics);
    }

    /** Remembers each partition's leader; true while a change of leader is recent enough to highlight. */
    #noteLeader(topic, partition, nowMs) {
        const key = `${topic}:${partition.partition}`;
        const previous = this.#leaders.get(key);
        if (previous !== undefined && previous !== partition.leader) {
            this.#movedAt.set(key, nowMs);
        }
        this.#leaders.set(key, partition.leader);
        const movedAt = this.#movedAt.get(key);
        return movedAt !== undefined && nowMs - movedAt < MOVE_HIGHLIGHT_MS;
    }

    #renderTable(topics) {
        const items = topics.flatMap((topic) => topic.partitions.map((partition) => ({ topic, partition })));
        syncKeyed(this.#table, items, ({ topic, partition }) => `${topic.name}:${partition.partition}`,
            () => document.createElement("tr"),
            (row, { topic, partition }) => {
                const cells = [topic.name, String(partition.partition), leaderText(partition.leader),
                    partition.replicas.join(", "), partition.isr.join(", ")];
                row.replaceChildren(...cells.map((text) => {
                    const cell = document.createElement("td");
                    cell.textContent = text;
                    return cell;
                }));
            });
    }
}

/** The rows from top to bottom: a band per topic, then one row per partition. */
function layoutRows(topics) {
    const items = [];
    let y = HEADER_HEIGHT;
    for (const topic of topics) {
        items.push({ kind: "topic", key: `topic:${topic.name}`, topic, y });
        y += TOPIC_HEIGHT;
        const partitions = [...topic.partitions].sort((a, b) => a.partition - b.partition);
        for (const partition of partitions) {
            items.push({ kind: "partition", key: `partition:${topic.name}:${partition.partition}`, topic, partition, y });
            y += ROW_HEIGHT;
        }
    }
    return { items, height: y - HEADER_HEIGHT };
}

function drawBrokerColumn(column, broker, index, height, controllerId) {
    const x = GUTTER + index * COLUMN_WIDTH;
    const down = broker.state === "down";
    const controller = broker.id === controllerId;
    setAttributes(column, { "data-broker": broker.id, "data-state": down ? "down" : "up", class: down ? "broker down" : "broker" });
    const status = [down ? "down" : "up", controller ? "controller" : null].filter(Boolean).join(" · ");
    const address = broker.port === null || broker.port === undefined ? broker.host : `${broker.host}:${broker.port}`;
    column.replaceChildren(
        svgEl("title", {}, `Broker ${broker.id} at ${address}, ${status}`),
        svgEl("rect", { class: "broker-body", x: x + 6, y: 4, width: COLUMN_WIDTH - 12, height: height - 8, rx: 10 }),
        svgEl("text", { class: "broker-name", x: x + COLUMN_WIDTH / 2, y: 24 }, `Broker ${broker.id}`),
        svgEl("text", { class: "broker-address", x: x + COLUMN_WIDTH / 2, y: 40 }, address),
        svgEl("text", { class: "broker-status", x: x + COLUMN_WIDTH / 2, y: 56 }, status));
}

function drawTopicBand(group, { topic, y }, width) {
    setAttributes(group, { class: `topic-band role-${topic.role ?? "other"}` });
    const role = TOPIC_ROLE_LABELS[topic.role] ?? topic.role ?? "";
    group.replaceChildren(
        svgEl("line", { x1: 8, x2: width - 8, y1: y + 4, y2: y + 4 }),
        svgEl("text", { class: "topic-name", x: 12, y: y + 22 }, topic.name,
            role ? svgEl("tspan", { class: "topic-role", dx: 8 }, `(${role})`) : null,
            // The Email node lists a topic that does not exist with no partitions.
            topic.partitions.length === 0 ? svgEl("tspan", { class: "no-leader", dx: 8 }, "not created yet") : null));
}

function drawPartitionRow(group, { topic, partition, y }, columnOf, downBrokers, moved, end) {
    setAttributes(group, {
        class: `partition role-${topic.role ?? "other"}${moved ? " moved" : ""}`,
        "data-topic": topic.name,
        "data-partition": partition.partition,
        "data-leader": partition.leader,
        "data-replicas": joinIds(partition.replicas),
        "data-isr": joinIds(partition.isr),
    });
    const inSync = new Set(partition.isr);
    const boxes = partition.replicas
        .filter((brokerId) => columnOf.has(brokerId))
        .map((brokerId) => replicaBox(partition, brokerId, columnOf.get(brokerId), y, inSync.has(brokerId), downBrokers.has(brokerId)));
    const label = svgEl("text", { class: "partition-label", x: 20, y: y + (end === undefined ? 21 : 15) }, `partition ${partition.partition}`);
    // The end offset counts the records written: nothing is deleted from the topic while it runs.
    const records = end === undefined ? null
        : svgEl("text", { class: "partition-records", x: 20, y: y + 28 }, `${formatCount(end)} ${end === 1 ? "record" : "records"}`);
    if (partition.leader < 0) {
        label.append(svgEl("tspan", { class: "no-leader", dx: 6 }, "no leader"));
    }
    group.replaceChildren(
        svgEl("title", {}, `${topic.name} partition ${partition.partition}: leader ${leaderText(partition.leader)}, ` +
            `replicas ${partition.replicas.join(", ")}, in sync ${partition.isr.join(", ") || "none"}`),
        label,
        records,
        ...boxes);
}

function replicaBox(partition, brokerId, columnIndex, y, inSync, onDownBroker) {
    const leader = brokerId === partition.leader;
    const kind = leader ? "leader" : inSync ? "follower" : "lagging";
    const x = GUTTER + columnIndex * COLUMN_WIDTH + 16;
    const width = COLUMN_WIDTH - 32;
    // A replica on a stopped broker follows nothing, whatever the (mock's) ISR still says.
    const role = leader ? "L" : onDownBroker ? "offline" : inSync ? "follower" : "out of sync";
    const text = `P${partition.partition}  ${role}`;
    return svgEl("g", { class: `replica replica-${kind}${onDownBroker ? " on-down" : ""}` },
        svgEl("rect", { x, y: y + (ROW_HEIGHT - BOX_HEIGHT) / 2, width, height: BOX_HEIGHT, rx: 6 }),
        svgEl("text", { x: x + width / 2, y: y + ROW_HEIGHT / 2 + 4 }, text));
}

function leaderText(leader) {
    return leader < 0 ? "none" : `broker ${leader}`;
}

function hatchPattern() {
    return svgEl("pattern", { id: "hatch-down", width: 8, height: 8, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" },
        svgEl("line", { x1: 0, y1: 0, x2: 0, y2: 8, class: "hatch-line" }));
}
