// One colour per partition, the same in the lag chart, its legend and the group table. Okabe–Ito
// colours, chosen to stay apart for the common colour-vision deficiencies.
const PALETTE = ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#7a6f00", "#000000"];

export function seriesColor(partition) {
    return PALETTE[Number(partition) % PALETTE.length];
}
