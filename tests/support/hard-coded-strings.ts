import ts from 'typescript';

/** Attributes a person reads or hears: their values must come from the catalogue (issue 17). */
const USER_FACING_ATTRIBUTES = new Set([
  'title',
  'aria-label',
  'aria-description',
  'aria-placeholder',
  'aria-roledescription',
  'aria-valuetext',
  'placeholder',
  'alt',
  'label',
  'question',
  'ariaLabel',
  'what',
]);

/** Words, not symbols: "↑", "⠿", "·" and punctuation are not translated. */
const WORDS = /\p{L}{2,}/u;

export interface HardCodedString {
  line: number;
  text: string;
}

/** A string literal, or either branch of a conditional made of them, inside `node`. */
function literals(node: ts.Node): ts.StringLiteralLike[] {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node];
  if (ts.isTemplateExpression(node)) return [node.head as unknown as ts.StringLiteralLike];
  if (ts.isConditionalExpression(node)) return [...literals(node.whenTrue), ...literals(node.whenFalse)];
  if (ts.isBinaryExpression(node)) {
    // What shows: both sides of a concatenation or a fallback, the right of `cond && 'text'`;
    // never the operands of a comparison (`status === 'queued'`).
    const op = node.operatorToken.kind;
    if (op === ts.SyntaxKind.AmpersandAmpersandToken) return literals(node.right);
    if (
      op === ts.SyntaxKind.PlusToken ||
      op === ts.SyntaxKind.BarBarToken ||
      op === ts.SyntaxKind.QuestionQuestionToken
    )
      return [...literals(node.left), ...literals(node.right)];
    return [];
  }
  if (ts.isParenthesizedExpression(node)) return literals(node.expression);
  return [];
}

/**
 * The user-facing strings written into a component instead of taken from the catalogue: JSX text,
 * string literals shown in JSX (`{'Publish'}`, `{busy ? 'Adding…' : 'Add'}`) and user-facing
 * attributes (title, aria-label, placeholder, alt …).
 */
export function findHardCodedStrings(source: string, fileName = 'component.tsx'): HardCodedString[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: HardCodedString[] = [];
  const report = (node: ts.Node, text: string) => {
    if (!WORDS.test(text)) return;
    found.push({ line: file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1, text: text.trim() });
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) report(node, node.text);
    else if (ts.isJsxExpression(node) && node.expression && !ts.isJsxAttribute(node.parent)) {
      for (const literal of literals(node.expression)) report(literal, literal.text);
    } else if (ts.isJsxAttribute(node) && USER_FACING_ATTRIBUTES.has(node.name.getText(file)) && node.initializer) {
      const value = ts.isJsxExpression(node.initializer) ? node.initializer.expression : node.initializer;
      if (value) for (const literal of literals(value)) report(literal, literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}
