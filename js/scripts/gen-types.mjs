#!/usr/bin/env node
// Generate js/src/model/schema.ts from src/jmwidget/schema/journey.schema.json.
//
//   node js/scripts/gen-types.mjs OUT            write OUT
//   node js/scripts/gen-types.mjs --check OUT    regenerate in memory, fail if OUT differs (drift check)
//
// json-schema-to-typescript only emits types reachable from the root, and names anonymous
// sub-schemas itself. To export every $def under its own name, we compile a wrapper schema whose
// properties reference every $def (the root document becomes the `Journey` def), give each def a
// title equal to its key, and name the anonymous oneOf branches of Patch / ClientMessage /
// ServerMessage. The wrapper interface itself is dropped from the output. The text limits (the
// maxLength of every string $def named *Text) follow as the constant TEXT_LIMITS, so the editors
// read them from the schema rather than from copies.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { compile } from "json-schema-to-typescript";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const schemaPath = resolve(root, "src/jmwidget/schema/journey.schema.json");

const args = process.argv.slice(2);
const check = args.includes("--check");
const out = args.find((a) => !a.startsWith("--"));
if (!out) {
  console.error("usage: gen-types.mjs [--check] OUT");
  process.exit(2);
}

const WRAPPER = "JmwidgetSchemaTypes";

/** Names for anonymous oneOf branches, by def name and branch index. */
const BRANCH_NAMES = {
  Patch: ["SetPatch", "DelPatch", "InsPatch", "RmPatch"],
  ClientMessage: ["EditMessage", "ControlMessage"],
  ServerMessage: ["PatchMessage", "RejectMessage", "SnapshotMessage", "RevisionMessage"],
};

function rewriteRefs(node) {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (node && typeof node === "object") {
    const copy = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === "$ref" && v === "#") copy[k] = "#/$defs/Journey";
      else copy[k] = rewriteRefs(v);
    }
    return copy;
  }
  return node;
}

export function buildWrapper(schema) {
  const { $defs = {}, $schema, $id, ...rootRest } = schema;
  const defs = {};
  for (const [name, def] of Object.entries($defs)) {
    const d = rewriteRefs(def);
    d.title = name;
    const branchNames = BRANCH_NAMES[name];
    if (branchNames && Array.isArray(d.oneOf)) {
      const branches = d.oneOf.map((b, i) => {
        const bn = branchNames[i];
        if (!bn) throw new Error(`no name for ${name}.oneOf[${i}]`);
        return { ...b, title: bn };
      });
      for (let i = 0; i < branches.length; i++) defs[branchNames[i]] = branches[i];
      d.oneOf = branchNames.map((bn) => ({ $ref: `#/$defs/${bn}` }));
    }
    defs[name] = d;
  }
  defs.Journey = { ...rewriteRefs(rootRest), title: "Journey" };
  const names = Object.keys(defs).sort();
  return {
    $schema,
    title: WRAPPER,
    type: "object",
    additionalProperties: false,
    properties: Object.fromEntries(names.map((n) => [n, { $ref: `#/$defs/${n}` }])),
    $defs: defs,
  };
}

/** `export const TEXT_LIMITS = {...}`: the maxLength of each string $def whose name ends in "Text". */
export function textLimits(schema) {
  const entries = Object.entries(schema.$defs ?? {}).filter(
    ([name, def]) => name.endsWith("Text") && def.type === "string" && Number.isInteger(def.maxLength),
  );
  if (entries.length === 0) throw new Error("no *Text definitions with a maxLength in the schema");
  const lines = entries.map(([name, def]) => `  ${name}: ${def.maxLength},`);
  return [
    "/**",
    " * The most characters each kind of text may have: the maxLength of the schema's string",
    " * definitions (ShortText: names; TitleText: the title, labels; LongText: cells, cards, notes;",
    " * ProseText: descriptions; TagText: tags, units). Editors set these as their inputs' maxLength.",
    " */",
    "export const TEXT_LIMITS = {",
    ...lines,
    "} as const;",
    "",
  ].join("\n");
}

export async function generate() {
  const schema = JSON.parse(readFileSync(schemaPath, "utf8"));
  const wrapper = buildWrapper(schema);
  let ts = await compile(wrapper, WRAPPER, {
    bannerComment: [
      "/* eslint-disable */",
      "/**",
      " * GENERATED FILE, do not edit by hand.",
      " * Source: src/jmwidget/schema/journey.schema.json",
      " * Regenerate with `npm run gen:types`; `npm run check:types` fails on drift.",
      " */",
    ].join("\n"),
    additionalProperties: false,
    strictIndexSignatures: true,
    unknownAny: true,
    declareExternallyReferenced: true,
    enableConstEnums: false,
    format: true,
    style: { singleQuote: false, semi: true, printWidth: 100, trailingComma: "all" },
  });
  // Drop the wrapper interface (it only exists to make every def reachable).
  const re = new RegExp(`export interface ${WRAPPER} \\{[\\s\\S]*?\\n\\}\\n\\n?`);
  if (!re.test(ts)) throw new Error("wrapper interface not found in generated output");
  ts = ts.replace(re, "");
  return `${ts}\n${textLimits(schema)}`;
}

const text = await generate();
const outPath = resolve(process.cwd(), out);
if (check) {
  let current = "";
  try {
    current = readFileSync(outPath, "utf8");
  } catch {
    console.error(`check:types: ${out} does not exist; run npm run gen:types`);
    process.exit(1);
  }
  if (current !== text) {
    console.error(`check:types: ${out} is out of date with the JSON schema; run npm run gen:types`);
    process.exit(1);
  }
  console.log(`check:types: ${out} is up to date`);
} else {
  writeFileSync(outPath, text);
  console.log(`gen:types: wrote ${out}`);
}
