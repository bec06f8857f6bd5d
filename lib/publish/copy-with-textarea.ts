/** Copies text through a textarea and execCommand: works in an unfocused offscreen document. */
export function copyWithTextarea(doc: Document, text: string): boolean {
  const area = doc.createElement('textarea');
  area.value = text;
  doc.body.appendChild(area);
  area.select();
  try {
    return doc.execCommand('copy');
  } finally {
    area.remove();
  }
}
