// A tile map of Algeria: one square per wilaya, placed on a grid so that neighbours stay
// neighbours (west → east, north → south). No shape file is needed, every wilaya is equally easy to
// read and to tap on a phone — the dense north gets as much room as the Sahara. Placed by hand
// from each capital's coordinates; the 58 codes of the 2019 division.
//
// [code, column, row]
export const WILAYA_TILES: readonly (readonly [code: number, column: number, row: number])[] = [
  // The coast, from Aïn Témouchent to El Tarf.
  [46, 1, 0],
  [31, 2, 0],
  [27, 3, 0],
  [2, 4, 0],
  [42, 5, 0],
  [16, 6, 0],
  [35, 7, 0],
  [15, 8, 0],
  [6, 9, 0],
  [18, 10, 0],
  [21, 11, 0],
  [23, 12, 0],
  [36, 13, 0],
  // The Tell, from Tlemcen to Souk Ahras.
  [13, 1, 1],
  [22, 2, 1],
  [29, 3, 1],
  [48, 4, 1],
  [44, 5, 1],
  [9, 6, 1],
  [10, 7, 1],
  [34, 8, 1],
  [19, 9, 1],
  [43, 10, 1],
  [25, 11, 1],
  [24, 12, 1],
  [41, 13, 1],
  // The high plateaus and the Aurès.
  [20, 2, 2],
  [14, 3, 2],
  [38, 4, 2],
  [26, 5, 2],
  [17, 6, 2],
  [28, 7, 2],
  [7, 8, 2],
  [5, 9, 2],
  [4, 10, 2],
  [40, 11, 2],
  [12, 12, 2],
  // The Atlas and the northern Sahara.
  [45, 1, 3],
  [32, 3, 3],
  [3, 5, 3],
  [51, 7, 3],
  [57, 8, 3],
  [55, 9, 3],
  [39, 10, 3],
  [8, 1, 4],
  [47, 5, 4],
  [30, 8, 4],
  [52, 1, 5],
  [49, 3, 5],
  [58, 5, 5],
  // The Sahara.
  [37, 0, 6],
  [1, 2, 6],
  [53, 5, 6],
  [33, 10, 6],
  [11, 7, 7],
  [56, 11, 7],
  [50, 4, 8],
  [54, 7, 8],
]

export const WILAYA_TILE_COLUMNS = 14
export const WILAYA_TILE_ROWS = 9
