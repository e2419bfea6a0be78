// Parses each Mermaid file named on the command line with Mermaid's own parser.
// Prints "ok <file>" or "error <file>: <message>" per file; exits 1 when any file fails.
// --stock keeps Mermaid's own edge limit (maxEdges 500); otherwise it is raised so that big diagrams parse.
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';

const dom = new JSDOM('<!DOCTYPE html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
globalThis.DOMPurify = undefined;
for (const key of ['Element', 'HTMLElement', 'Node', 'navigator', 'DOMParser', 'XMLSerializer']) {
  if (!(key in globalThis)) Object.defineProperty(globalThis, key, { value: dom.window[key], configurable: true });
}

const { default: mermaid } = await import('mermaid');
const args = process.argv.slice(2);
const stock = args.includes('--stock');
mermaid.initialize(stock ? { startOnLoad: false } : { startOnLoad: false, maxEdges: 100000 });
let failed = false;
for (const file of args.filter(a => a !== '--stock')) {
  try {
    await mermaid.parse(readFileSync(file, 'utf8'));
    console.log(`ok ${file}`);
  } catch (e) {
    failed = true;
    console.log(`error ${file}: ${String(e && e.message || e).split('\n').join(' | ')}`);
  }
}
process.exit(failed ? 1 : 0);
