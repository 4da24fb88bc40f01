// What model/ uses from its runtime beyond ES2022, for js/src/model/tsconfig.json: its lib has no
// DOM, so any use of the DOM in model/ fails to typecheck. Browsers and Node both provide these;
// the root tsconfig.json gets them from its DOM lib and leaves this file out.

interface Console {
  error(...data: unknown[]): void;
}

declare const console: Console;

declare function setTimeout(handler: () => void, timeout?: number): number;
declare function clearTimeout(id: number | undefined): void;
