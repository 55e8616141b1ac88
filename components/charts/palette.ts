/**
 * The charts' colours: Okabe and Ito's palette, told apart with the common colour-vision
 * deficiencies. Lines are also told apart by dash and marker, never by colour alone.
 */
export const PALETTE = {
  black: "#000000",
  orange: "#E69F00",
  sky: "#56B4E9",
  green: "#009E73",
  blue: "#0072B2",
  vermillion: "#D55E00",
  purple: "#CC79A7",
} as const;

/** Per model, the colour of its training series and of its validation series. */
export const MODEL_COLORS: readonly { train: string; validation: string }[] = [
  { train: PALETTE.blue, validation: PALETTE.orange },
  { train: PALETTE.vermillion, validation: PALETTE.sky },
  { train: PALETTE.green, validation: PALETTE.purple },
  { train: PALETTE.black, validation: PALETTE.orange },
];

/** Dash patterns, in order: solid, dashed, dotted, dash-dot. */
export const DASHES = [undefined, "6 4", "2 3", "8 3 2 3"] as const;

export const AXIS_LABEL_STYLE = { fontSize: 12, fill: "#475569" } as const;
export const TICK_STYLE = { fontSize: 11, fill: "#334155" } as const;
