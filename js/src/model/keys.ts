// How the view finds things again after a re-render: a cell by its lane and step, a header by
// its kind and id.

export type HeaderKind = "stage" | "step" | "lane";

export const KEY_SEP = "\u0001";
export const cellKey = (lane: string, step: string): string => `${lane}${KEY_SEP}${step}`;
