/**
 * GFM tables, in the format of @joplin/turndown-plugin-gfm (which earlier captures used): a
 * header row (an empty one when the table has none), cells padded to three characters, line
 * breaks in a cell as <br>.
 */
type Row = HTMLTableRowElement;
const BORDERS: Record<string, string> = { left: ':---', right: '---:', center: ':---:' };
const TEXT_ALIGN = /text-align:\s*(left|right|center)/i;

/** Layout tables (one cell, or tables inside tables) are read as plain blocks, not as a grid. */
export function isLayoutTable(table: HTMLTableElement): boolean {
  const rows = table.rows;
  if (rows.length === 0 || (rows.length === 1 && rows[0]!.cells.length <= 1)) return true;
  return table.querySelector('table') !== null;
}

export function cellMarkdown(content: string, index: number, cell: Element | null): string {
  // Every pipe escaped, each on its own ("a||b" is two pipes, issue 20), code spans too: GFM
  // splits the row first and reads "\|" as "|" inside them.
  let text = content.trim().replace(/\n/g, '<br>').replace(/\|/g, '\\|');
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

/** The column count and each column's border cell ("---", ":---:"), read once per table. */
export interface TableLayout {
  borders: string[];
}

/**
 * Each column is aligned as most of its cells ask: the align attribute, or a text-align style as
 * markdown-it writes it (issue 20); other styles are not read.
 */
export function tableLayout(table: HTMLTableElement): TableLayout {
  const rows = table.rows;
  let columns = 0;
  for (let r = 0; r < rows.length; r++) columns = Math.max(columns, rows[r]!.cells.length);
  const borders = new Array<string>(columns).fill('---');
  if (!table.querySelector('[align], [style*="text-align"]')) return { borders };
  for (let i = 0; i < columns; i++) {
    const votes = new Map<string, number>([['', 0]]);
    let best = '';
    for (let r = 0; r < rows.length; r++) {
      const cell = rows[r]!.cells[i];
      if (!cell) continue;
      const align = (
        cell.getAttribute('align') ??
        TEXT_ALIGN.exec(cell.getAttribute('style') ?? '')?.[1] ??
        ''
      ).toLowerCase();
      const count = (votes.get(align) ?? 0) + 1;
      votes.set(align, count);
      if (count > votes.get(best)!) best = align;
    }
    borders[i] = BORDERS[best] ?? '---';
  }
  return { borders };
}

export function rowMarkdown(content: string, tr: Row, layout: TableLayout): string {
  if (!isHeadingRow(tr)) return `\n${content}`;
  const borders = layout.borders.map((border, i) => cellMarkdown(border, i, tr.cells[i] ?? null)).join('');
  return `\n${content}\n${borders}`;
}

export function tableMarkdown(content: string, table: HTMLTableElement, layout: TableLayout): string {
  const rows = content.replace(/\n+/g, '\n');
  const secondLine = rows.trim().split('\n')[1] ?? '';
  let emptyHeader = '';
  if (layout.borders.length && !/\| :?---/.test(secondLine)) {
    emptyHeader = `|${'     |'.repeat(layout.borders.length)}\n|${layout.borders.map((border) => ` ${border} |`).join('')}`;
  }
  const caption = table.caption?.textContent ?? '';
  return `\n\n${caption ? `${caption}\n\n` : ''}${`${emptyHeader}${rows}`.trimStart()}\n\n`;
}
