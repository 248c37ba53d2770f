// How numbers and times read on the page. One place, so every panel rounds the same way.

const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const rate = new Intl.NumberFormat(undefined, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const clock = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });

export function formatCount(value) {
    return value === null || value === undefined ? "—" : integer.format(value);
}

export function formatRate(value) {
    return value === null || value === undefined ? "—" : `${rate.format(value)}/s`;
}

export function formatClock(isoOrMillis) {
    const date = new Date(isoOrMillis);
    return Number.isNaN(date.getTime()) ? "—" : clock.format(date);
}

export function formatMilliseconds(ms) {
    return ms >= 1000 ? `${rate.format(ms / 1000)} s` : `${integer.format(ms)} ms`;
}

/** The last dotted segment of an exception type: "Npgsql.PostgresException" reads as "PostgresException". */
export function shortTypeName(typeName) {
    if (!typeName) {
        return "—";
    }
    const parts = String(typeName).split(".");
    return parts[parts.length - 1];
}

/** A .NET TimeSpan as JSON writes it ("00:00:01.5000000", "1.02:03:04") in words: "1.5 s". */
export function formatTimeSpan(text) {
    const match = /^(?:(\d+)\.)?(\d+):(\d+):(\d+(?:\.\d+)?)$/.exec(String(text ?? ""));
    if (!match) {
        return text ?? "—";
    }
    const [, days, hours, minutes, seconds] = match;
    const totalSeconds = Number(days ?? 0) * 86_400 + Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds);
    return totalSeconds >= 60 ? `${integer.format(Math.floor(totalSeconds / 60))} min ${integer.format(totalSeconds % 60)} s`
        : formatMilliseconds(totalSeconds * 1000);
}
