// The User service's Akka cluster: its members with their shards and running entities, and where the
// journal publisher (a cluster singleton, on the oldest member) runs — the part that moves records
// from the event journal to Kafka.

import { el, setAttributes, setText, syncKeyed } from "./dom.js";
import { formatCount, formatTimeSpan } from "./format.js";

export class ClusterPanel {
    #members;
    #publisher;

    constructor(panel) {
        this.#members = panel.querySelector("#cluster-members");
        this.#publisher = panel.querySelector("#publisher");
    }

    render(cluster) {
        const members = [...cluster.members].sort((a, b) => (a.upNumber ?? 0) - (b.upNumber ?? 0));
        syncKeyed(this.#members, members, (member) => member.address,
            () => el("tr", {}, el("th", { scope: "row", class: "address" }, el("span"), el("span", { class: "member-roles" })),
                el("td"), el("td", { class: "num" }), el("td", { class: "num" })),
            (row, member) => updateMember(row, member, cluster));

        const publisher = cluster.publisher;
        setAttributes(this.#publisher, {
            "data-address": publisher?.address ?? "",
            "data-running": publisher ? String(Boolean(publisher.running)) : "",
        });
        setText(this.#publisher, publisher
            ? `Journal publisher on ${shortAddress(publisher.address)}: ${publisher.running ? "running" : "stopped"}, ` +
              `${formatCount(publisher.inFlight)} in flight, oldest waiting for Kafka ${formatTimeSpan(publisher.waitingForKafka)}`
            : "Journal publisher: not known this refresh.");
    }
}

function updateMember(row, member, cluster) {
    setAttributes(row, {
        "data-member": member.address,
        "data-status": member.status,
        "data-shards": member.shards ?? "",
        "data-entities": member.entities ?? "",
        class: member.reachable === false ? "unreachable" : null,
    });
    const [address, status, shards, entities] = row.children;
    const [name, role] = address.children;
    // "akka.tcp://signup@127.0.0.1:4053": the scheme is the same for every member, the rest tells them apart.
    setText(name, shortAddress(member.address));
    address.title = member.address;
    setText(status, member.reachable === false ? `${member.status}, unreachable` : member.status);
    setText(shards, formatCount(member.shards));
    setText(entities, formatCount(member.entities));
    const roles = [
        member.address === cluster.leader ? "leader" : null,
        member.address === cluster.publisher?.address ? "publisher" : null,
        member.address === cluster.self ? "asked by the dashboard" : null,
    ].filter(Boolean);
    setText(role, roles.join(" · "));
}

function shortAddress(address) {
    return String(address ?? "—").replace(/^akka(\.[a-z]+)?:\/\//, "");
}
