// Chart colours, shared by server pages (which pick a series' colour) and the client chart.
// Colour-blind-safe, distinguishable in greyscale print (Okabe–Ito, darkened for contrast).
export const PALETTE = ["#0b5ea8", "#c26a00", "#067a5b", "#b3124f", "#6b4fbb", "#4d4d4d", "#8a7300", "#1d8fc4"] as const;

/** The i-th series colour, repeating when there are more series than colours. */
export const colourAt = (i: number): string => PALETTE[i % PALETTE.length] ?? PALETTE[0];
