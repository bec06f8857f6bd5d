import { gfm } from '@joplin/turndown-plugin-gfm';
import TurndownService from 'turndown';

let service: TurndownService | undefined;

function createService(): TurndownService {
  const td = new TurndownService({
    headingStyle: 'atx',
    codeBlockStyle: 'fenced',
    fence: '```',
    bulletListMarker: '-',
    emDelimiter: '*',
    hr: '---',
    linkStyle: 'inlined',
  });
  td.use(gfm);
  // Code blocks: the exact text and the language, whether the class is on <code> or on <pre>.
  td.addRule('fencedCode', {
    filter: (node) => node.nodeName === 'PRE',
    replacement: (_content, node) => {
      const pre = node as HTMLElement;
      const code = pre.querySelector('code');
      const classes = `${code?.className ?? ''} ${pre.className}`;
      const language = /(?:language|lang)-([\w#+.-]+)/.exec(classes)?.[1] ?? pre.getAttribute('data-language') ?? '';
      const text = (code ?? pre).textContent ?? '';
      const longestRun = Math.max(2, ...Array.from(text.matchAll(/`+/g), (m) => m[0].length));
      const fence = '`'.repeat(longestRun + 1);
      return `\n\n${fence}${language}\n${text.replace(/\n$/, '')}\n${fence}\n\n`;
    },
  });
  // List items: "- " and "1. " markers, continuation lines indented under the text, and tight
  // items even when each <li> wraps a <p> (chat answers do), except around code blocks.
  td.addRule('listItem', {
    filter: 'li',
    replacement: (content, node, options) => {
      const li = node as HTMLElement;
      const parent = li.parentElement;
      let prefix = `${options.bulletListMarker} `;
      if (parent?.nodeName === 'OL') {
        const start = Number(parent.getAttribute('start') ?? 1);
        prefix = `${(Number.isFinite(start) ? start : 1) + Array.prototype.indexOf.call(parent.children, li)}. `;
      }
      let body = content
        .replace(/^\n+/, '')
        .replace(/\n+$/, '')
        .replace(/[ \t]+$/gm, '');
      if (!body.includes('```')) body = body.replace(/\n{2,}/g, '\n');
      const indent = ' '.repeat(prefix.length);
      body = body.replace(/\n(?=[^\n])/g, `\n${indent}`);
      return `${prefix}${body}${li.nextElementSibling ? '\n' : ''}`;
    },
  });
  // Math placeholders (see chat/prepare-chat-html.ts): the TeX verbatim, never Markdown-escaped.
  td.addRule('math', {
    filter: (node) => node.nodeName === 'CODE' && (node as HTMLElement).classList.contains('halo-math'),
    replacement: (_content, node) => {
      const tex = (node as HTMLElement).getAttribute('data-tex') ?? '';
      const display = node.parentElement?.childNodes.length === 1 && node.parentElement.nodeName === 'DIV';
      return display ? `\n\n$$\n${tex}\n$$\n\n` : `$${tex}$`;
    },
  });
  return td;
}

/** Plain text as Markdown that reads as typed: special characters escaped, each line break kept. */
export function escapePlainText(text: string): string {
  service ??= createService();
  const td = service;
  return text
    .replace(/\r\n?/g, '\n')
    .trim()
    .split('\n')
    .map((line) => {
      // Leading spaces would make a code block: keep them as non-breaking spaces instead.
      const indent = /^ */.exec(line)![0].length;
      return '\u00a0'.repeat(indent) + td.escape(line.slice(indent));
    })
    .join('  \n');
}

/** Sanitized HTML (a string or a node) to GFM Markdown. */
export function htmlToMarkdown(html: string | HTMLElement): string {
  service ??= createService();
  return service.turndown(html).trim();
}
