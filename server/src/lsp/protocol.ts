// The names the client and the server share: commands the server executes and its custom requests.
// Plain constants, imported by both (client/src and server/src/lsp), so that a rename cannot split them.

/** Commands the server executes (workspace/executeCommand). */
export const SERVER_COMMANDS = {
  /** → TableGrid (features/tableGrid.ts): the table under a position, as a grid. */
  tableGrid: 'filing-lens.tableGrid',
  /** → { name, text }: the table as CSV with values in 元 beside the raw ones. */
  tableCsv: 'filing-lens.tableCsv',
  /** → { name, text }: the same as tab-separated text for pasting into a spreadsheet. */
  tableTsv: 'filing-lens.tableTsv',
} as const;

/** A file on disk checked as the CLI checks it (the workspace check). */
export const CHECK_FILE_REQUEST = 'filing-lens/checkFile';
/** The counts of an open filing for the status bar, from an analysis already done. */
export const SUMMARY_REQUEST = 'filing-lens/summary';
