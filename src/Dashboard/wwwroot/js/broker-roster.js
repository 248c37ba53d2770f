// Which brokers the page shows. Kafka's metadata lists only the brokers it can reach, so a broker the
// dashboard stopped drops out of it; the roster keeps every broker it has seen and adds the stopped
// ones (from the actions section) marked down. Without this a stopped broker would vanish from the
// diagram, and its Start button with it.

export class BrokerRoster {
    #known = new Map();

    /** listed: kafka.brokers of this snapshot (or null when Kafka did not answer); brokersDown: ids. */
    update(listed, brokersDown) {
        const down = new Set(brokersDown ?? []);
        for (const broker of listed ?? []) {
            this.#known.set(broker.id, broker);
        }
        for (const id of down) {
            if (!this.#known.has(id)) {
                this.#known.set(id, { id, host: "address unknown", port: null });
            }
        }
        const listedIds = new Set((listed ?? []).map((broker) => broker.id));
        return [...this.#known.values()]
            .filter((broker) => listed === null || listed === undefined || listedIds.has(broker.id) || down.has(broker.id))
            .map((broker) => ({ ...broker, state: down.has(broker.id) || broker.state === "down" ? "down" : "up" }))
            .sort((a, b) => a.id - b.id);
    }
}
