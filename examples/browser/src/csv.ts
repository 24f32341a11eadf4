/** A table parsed from CSV: column names and one object per row. */
export interface Table {
  columns: string[];
  rows: Array<Record<string, string | number | null>>;
  /** Columns whose every non-empty cell is a finite number. */
  numericColumns: Set<string>;
}

/**
 * Splits CSV text into records (RFC 4180: quoted fields, doubled quotes, newlines inside quotes,
 * CRLF or LF). The delimiter is `,` unless the header line has more `;` or tabs.
 */
export function parseRecords(text: string): string[][] {
  const firstLine = text.slice(0, Math.max(0, text.indexOf('\n')) || text.length);
  const counts = [',', ';', '\t'].map((d) => firstLine.split(d).length);
  const delimiter = [',', ';', '\t'][counts.indexOf(Math.max(...counts))] as string;
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      field = '';
      if (record.length > 1 || record[0] !== '') records.push(record);
      record = [];
    } else field += c;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

/**
 * Parses CSV text with a header line into row objects. Numeric-looking columns become numbers,
 * empty cells become `null`; ragged lines are rejected with their line number.
 */
export function parseCsv(text: string): Table {
  const records = parseRecords(text.replace(/^\uFEFF/, ''));
  const header = records[0];
  if (header === undefined || records.length < 2)
    throw new Error('The CSV needs a header line and at least one data line.');
  const columns = header.map((h, j) => h.trim() || `column ${j + 1}`);
  const numericColumns = new Set<string>();
  columns.forEach((name, j) => {
    let seen = false;
    for (let i = 1; i < records.length; i++) {
      const cell = (records[i]?.[j] ?? '').trim();
      if (cell === '') continue;
      seen = true;
      if (!Number.isFinite(Number(cell))) return;
    }
    if (seen) numericColumns.add(name);
  });
  const rows = records.slice(1).map((rec, i) => {
    if (rec.length !== columns.length) {
      throw new Error(`CSV line ${i + 2} has ${rec.length} fields, the header has ${columns.length}.`);
    }
    const row: Record<string, string | number | null> = {};
    columns.forEach((name, j) => {
      const cell = (rec[j] ?? '').trim();
      row[name] = cell === '' ? null : numericColumns.has(name) ? Number(cell) : cell;
    });
    return row;
  });
  return { columns, rows, numericColumns };
}
