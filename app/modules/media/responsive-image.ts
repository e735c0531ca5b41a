/** An image as pages render it: a fallback `src`, the `srcSet` of its stored widths, its intrinsic size. Shared with components, hence not in a `.server` file. */
export type ResponsiveImage = { src: string; srcSet: string; width: number; height: number }
