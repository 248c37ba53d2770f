// The consumer group: which Email node owns which partitions, and per partition how far its committed
// offset trails the end of the log (the lag a burst builds up and the consumers drain).

import { el, joinIds, setAttributes, setText, syncKeyed } from "./dom.js";
import { formatCount } from "./format.js";
import { seriesColor } from "./series-colors.js";

export class GroupPanel {
    #groupId;
    #totalLag;
    #members;
    #partitions;

    constructor(panel) {
        this.#groupId = panel.querySelector("#group-id");
        this.#totalLag = panel.querySelector("#total-lag");
        this.#members = panel.querySelector("#group-members");
        this.#partitions = panel.querySelector("#group-partitions");
    }

    render(group) {
        setText(this.#groupId, group.groupId ? `“${group.groupId}”` : "");
        setAttributes(this.#totalLag, { "data-lag": group.totalLag });
        setText(this.#totalLag, formatCount(group.totalLag));
        // The tab's title too, so the lag can be watched from another tab during a burst.
        document.title = `Lag ${formatCount(group.totalLag)} · SignupEmail dashboard`;

        syncKeyed(this.#members, group.members, (member) => member.node, createMember, updateMember);
        const partitions = [...group.partitions].sort((a, b) => a.partition - b.partition);
        const maxLag = Math.max(1, ...partitions.map((partition) => partition.lag ?? 0));
        syncKeyed(this.#partitions, partitions, (partition) => partition.partition, createPartitionRow,
            (row, partition) => updatePartitionRow(row, partition, maxLag));
    }
}

function createMember() {
    return el("li", { class: "member" },
        el("span", { class: "member-node" }),
        el("span", { class: "member-partitions" }),
        el("span", { class: "member-circuit badge" }),
        el("span", { class: "member-running badge" }));
}

function updateMember(item, member) {
    const partitions = [...(member.partitions ?? [])].sort((a, b) => a - b);
    setAttributes(item, { "data-group-member": member.node, "data-partitions": joinIds(partitions) });
    const [node, assigned, circuit, running] = item.children;
    setText(node, member.node);
    setText(assigned, partitions.length === 0 ? "no partitions" :
        `${partitions.length === 1 ? "partition" : "partitions"} ${partitions.join(", ")}`);
    setText(circuit, `circuit ${member.circuit ?? "unknown"}`);
    circuit.dataset.tone = member.circuit === "Closed" ? "ok" : member.circuit ? "warn" : "unknown";
    setText(running, member.running ? "consuming" : "stopped");
    running.dataset.tone = member.running ? "ok" : "bad";
}

function createPartitionRow() {
    return el("tr", {},
        el("th", { scope: "row" }, el("span", { class: "series-swatch", "aria-hidden": "true" }), el("span")),
        el("td", { class: "member-cell" }),
        el("td", { class: "num" }),
        el("td", { class: "num" }),
        el("td", { class: "num lag-cell" }, el("span", { class: "lag-bar", "aria-hidden": "true" }), el("span")),
        el("td"));
}

function updatePartitionRow(row, partition, maxLag) {
    setAttributes(row, {
        "data-lag-partition": partition.partition,
        "data-committed": partition.committed ?? "",
        "data-end": partition.end,
        "data-lag": partition.lag,
        "data-member": partition.member ?? "",
        "data-state": partition.state ?? "",
    });
    const [name, member, committed, end, lag, state] = row.children;
    name.firstChild.style.background = seriesColor(partition.partition);
    setText(name.lastChild, String(partition.partition));
    setText(member, partition.member ?? "unassigned");
    setText(committed, partition.committed === null || partition.committed === undefined ? "none yet" : formatCount(partition.committed));
    setText(end, formatCount(partition.end));
    // The bar shows lag relative to the most lagging partition, so an uneven spread is seen at a glance.
    lag.firstChild.style.width = `${Math.round(((partition.lag ?? 0) / maxLag) * 100)}%`;
    setText(lag.lastChild, formatCount(partition.lag));
    setText(state, partition.state ?? "—");
}
