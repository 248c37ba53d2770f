// Fetch helpers for the dashboard's own API. State-changing calls carry X-Dashboard: 1 because the
// server refuses cookie-authenticated POST/PUT/DELETE without it (a CSRF guard on top of SameSite).

/** A failed call, carrying the RFC 7807 problem the server answered with (or one made up for network errors). */
export class ProblemError extends Error {
    constructor(status, problem) {
        super(describeProblem(problem));
        this.status = status;
        this.problem = problem;
    }
}

/** Sends a JSON body (or none) and returns the parsed JSON answer, or null when there is none. */
export async function sendJson(method, url, body) {
    let response;
    try {
        response = await fetch(url, {
            method,
            credentials: "same-origin",
            headers: { "Content-Type": "application/json", "X-Dashboard": "1", Accept: "application/json" },
            body: body === undefined ? undefined : JSON.stringify(body),
        });
    } catch (error) {
        throw new ProblemError(0, { title: "The dashboard did not answer", detail: error.message });
    }
    if (response.status === 401) {
        // The session ended (server restart, logout in another tab): the login page is the only way on.
        window.location.assign("/login");
    }
    const answer = await readJson(response);
    if (!response.ok) {
        throw new ProblemError(response.status, answer ?? { title: `${response.status} ${response.statusText}` });
    }
    return answer;
}

async function readJson(response) {
    const text = await response.text();
    if (!text) {
        return null;
    }
    try {
        return JSON.parse(text);
    } catch {
        return { title: `${response.status} ${response.statusText}`, detail: text.slice(0, 200) };
    }
}

/**
 * One line for a problem: its detail, then each invalid field's messages (validation problems name
 * the field in "errors"), else its title.
 */
export function describeProblem(problem) {
    if (!problem) {
        return "The request failed.";
    }
    const parts = [];
    if (problem.detail) {
        parts.push(problem.detail);
    }
    if (problem.errors && typeof problem.errors === "object") {
        for (const [field, messages] of Object.entries(problem.errors)) {
            parts.push(`${field}: ${[].concat(messages).join(" ")}`);
        }
    }
    if (parts.length === 0) {
        parts.push(problem.title ?? "The request failed.");
    }
    return parts.join(" — ");
}
