/**
 * GFM tables, in the format of @joplin/turndown-plugin-gfm (which earlier captures used): a
 * header row (an empty one when the table has none), cells padded to three characters, line
 * breaks in a cell as <br>.
 */
type Row = HTMLTableRowElement;
const BORDERS: Record<string, string> = { left: ':---', right: '---:', center: ':---:' };

/** Layout tables (one cell, or tables inside tables) are read as plain blocks, not as a grid. */
export function isLayoutTable(table: HTMLTableElement): boolean {
  const rows = table.rows;
  if (rows.length === 0 || (rows.length === 1 && rows[0]!.cells.length <= 1)) return true;
  return table.querySelector('table') !== null;
}

export function cellMarkdown(content: string, index: number, cell: Element | null): string {
  let text = content.trim().replace(/\n/g, '<br>').replace(/\|+/g, '\\|');
  text = text.padEnd(3, ' ');
  const span = Number(cell?.getAttribute('colspan') ?? 1);
  for (let i = 1; i < span; i++) text += ' |    ';
  return `${index === 0 ? '| ' : ' '}${text} |`;
}

function isHeadingRow(tr: Row): boolean {
  const section = tr.parentElement;
  if (section?.localName === 'thead') return true;
  if (!section || section.firstElementChild !== tr) return false;
  const firstBody =
    section.localName === 'tbody' &&
    (!section.previousElementSibling ||
      (section.previousElementSibling.localName === 'thead' &&
        !/\S/.test(section.previousElementSibling.textContent ?? '')));
  if (section.localName !== 'table' && !firstBody) return false;
  return Array.from(tr.children).every((cell) => cell.localName === 'th');
}

function columnCount(table: HTMLTableElement): number {
  let count = 0;
  for (const row of Array.from(table.rows)) count = Math.max(count, row.cells.length);
  return count;
}

/** The alignment most cells of a column ask for (align attribute; styles are not read). */
function columnBorder(table: HTMLTableElement, column: number): string {
  const votes = new Map<string, number>([['', 0]]);
  let best = '';
  for (const row of Array.from(table.rows)) {
    const cell = row.cells[column];
    if (!cell) continue;
    const align = (cell.getAttribute('align') ?? '').toLowerCase();
    const count = (votes.get(align) ?? 0) + 1;
    votes.set(align, count);
    if (count > votes.get(best)!) best = align;
  }
  return BORDERS[best] ?? '---';
}

export function rowMarkdown(content: string, tr: Row, table: HTMLTableElement): string {
  if (!isHeadingRow(tr)) return `\n${content}`;
  let borders = '';
  const columns = columnCount(table);
  for (let i = 0; i < columns; i++) borders += cellMarkdown(columnBorder(table, i), i, tr.cells[i] ?? null);
  return `\n${content}\n${borders}`;
}

export function tableMarkdown(content: string, table: HTMLTableElement): string {
  const rows = content.replace(/\n+/g, '\n');
  const secondLine = rows.trim().split('\n')[1] ?? '';
  let emptyHeader = '';
  const columns = columnCount(table);
  if (columns && !/\| :?---/.test(secondLine)) {
    emptyHeader = `|${'     |'.repeat(columns)}\n|`;
    for (let i = 0; i < columns; i++) emptyHeader += ` ${columnBorder(table, i)} |`;
  }
  const caption = table.caption?.textContent ?? '';
  return `\n\n${caption ? `${caption}\n\n` : ''}${`${emptyHeader}${rows}`.trimStart()}\n\n`;
}
