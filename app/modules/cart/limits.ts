/** More than anyone buys of a handmade product at once; also bounds what a form can ask for. */
export const MAX_LINE_QUANTITY = 99
