/**
 * The import rule: a submission may use TensorFlow.js and nothing else. Checked on the
 * syntax tree, so `require(...)`, `import(...)` and `export ... from` are caught too;
 * the harness's own `require` refuses everything else again at run time.
 */
import ts from "typescript";

export const ALLOWED_IMPORTS = ["@tensorflow/tfjs", "@tensorflow/tfjs-node", "@tensorflow/tfjs-layers"] as const;

export interface ImportViolation {
  specifier: string;
  line: number;
  column: number;
}

export function findDisallowedImports(sourceFile: ts.SourceFile): ImportViolation[] {
  const found: ImportViolation[] = [];
  const report = (node: ts.Node, specifier: string) => {
    const { line, character } = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile));
    found.push({ specifier, line: line + 1, column: character + 1 });
  };
  const check = (node: ts.Node, spec: ts.Node | undefined) => {
    if (!spec) return;
    if (ts.isStringLiteralLike(spec)) {
      if (!(ALLOWED_IMPORTS as readonly string[]).includes(spec.text)) report(node, spec.text);
    } else {
      report(node, spec.getText(sourceFile)); // computed: cannot be allowed
    }
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) check(node, node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      check(node, node.moduleReference.expression);
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const isRequire = ts.isIdentifier(callee) && callee.text === "require";
      if (callee.kind === ts.SyntaxKind.ImportKeyword || isRequire) check(node, node.arguments[0] ?? callee);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      check(node, node.argument.literal);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}
