// Small DOM helpers shared by the panels. Everything from a snapshot goes in through textContent
// or setAttribute, never innerHTML, so a hostile topic name or exception message stays text.

const SVG_NS = "http://www.w3.org/2000/svg";

/** Creates an HTML element with attributes (null/undefined skipped) and children (strings become text). */
export function el(tag, attributes = {}, ...children) {
    return fill(document.createElement(tag), attributes, children);
}

/** Creates an SVG element the same way as el. */
export function svgEl(tag, attributes = {}, ...children) {
    return fill(document.createElementNS(SVG_NS, tag), attributes, children);
}

function fill(element, attributes, children) {
    setAttributes(element, attributes);
    for (const child of children.flat()) {
        if (child === null || child === undefined || child === false) {
            continue;
        }
        element.append(typeof child === "string" || typeof child === "number" ? String(child) : child);
    }
    return element;
}

/** Sets attributes; null or undefined removes one, so "unknown" never reads as the string "null". */
export function setAttributes(element, attributes) {
    for (const [name, value] of Object.entries(attributes)) {
        if (value === null || value === undefined || value === false) {
            element.removeAttribute(name);
        } else {
            element.setAttribute(name, value === true ? "" : String(value));
        }
    }
}

/** Sets text only when it changed, so a screen reader in a live region is not told the same thing again. */
export function setText(element, text) {
    const value = String(text);
    if (element.textContent !== value) {
        element.textContent = value;
    }
}

/**
 * Makes container's children match items, reusing the child with the same key. Rows keep their
 * identity across refreshes, so a focused button or a selection survives the once-a-second update
 * (and browser tests holding an element do not see it go stale).
 */
export function syncKeyed(container, items, keyOf, create, update) {
    const existing = new Map();
    for (const child of Array.from(container.children)) {
        if (child.dataset.key !== undefined) {
            existing.set(child.dataset.key, child);
        }
    }
    let previous = null;
    for (const item of items) {
        const key = String(keyOf(item));
        let child = existing.get(key);
        if (child) {
            existing.delete(key);
        } else {
            child = create(item);
            child.dataset.key = key;
        }
        update(child, item);
        const expectedPosition = previous ? previous.nextElementSibling : firstKeyedChild(container);
        if (child !== expectedPosition) {
            container.insertBefore(child, expectedPosition);
        }
        previous = child;
    }
    for (const stale of existing.values()) {
        stale.remove();
    }
}

function firstKeyedChild(container) {
    for (const child of container.children) {
        if (child.dataset.key !== undefined) {
            return child;
        }
    }
    return null;
}

/** "1,2,3" — the form the DOM contract uses for id lists. */
export function joinIds(ids) {
    return (ids ?? []).join(",");
}

/**
 * A section is null when its source failed this refresh. The panel then keeps the last state it drew
 * (a blank panel would read as "no brokers") and says it is stale.
 */
export function showStale(panel, stale) {
    panel.classList.toggle("is-stale", stale);
    const note = panel.querySelector(".stale-note");
    if (note) {
        note.hidden = !stale;
    }
}
