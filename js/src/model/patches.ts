// Applying the kernel's primitive patches to a document, without mutating the input.
import type { Patch, PatchPath } from "./schema";

export class PatchError extends Error {}

type Container = Record<string, unknown> | unknown[];

function isContainer(value: unknown): value is Container {
  return typeof value === "object" && value !== null;
}

function shallowClone(value: Container): Container {
  return Array.isArray(value) ? value.slice() : { ...value };
}

function getChild(parent: Container, key: string | number): unknown {
  if (Array.isArray(parent)) {
    if (typeof key !== "number")
      throw new PatchError(`list index must be a number, got ${JSON.stringify(key)}`);
    return parent[key];
  }
  return parent[String(key)];
}

function setChild(parent: Container, key: string | number, value: unknown): void {
  if (Array.isArray(parent)) {
    if (typeof key !== "number")
      throw new PatchError(`list index must be a number, got ${JSON.stringify(key)}`);
    parent[key] = value;
  } else {
    parent[String(key)] = value;
  }
}

function cloneValue<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/**
 * Apply one patch to `root`, which must already be a private copy at the top level.
 * Containers along the path are copied on the way down (copy-on-write), so objects shared with
 * the previous document are never mutated. `owned` records containers already copied during this
 * batch so that a batch of patches copies each container at most once.
 */
function applyOne(root: Container, patch: Patch, owned: WeakSet<object>): void {
  const path: PatchPath = patch.path;
  // The container the patch operates on: for set/del the parent of the last key, for ins/rm the list itself.
  const walkTo = patch.op === "set" || patch.op === "del" ? path.length - 1 : path.length;
  if (walkTo < 0) throw new PatchError(`${patch.op}: empty path`);
  let node: Container = root;
  for (let i = 0; i < walkTo; i++) {
    const key = path[i] as string | number;
    const child = getChild(node, key);
    if (!isContainer(child)) {
      throw new PatchError(`${patch.op}: no container at ${JSON.stringify(path.slice(0, i + 1))}`);
    }
    let copy: Container = child;
    if (!owned.has(child)) {
      copy = shallowClone(child);
      owned.add(copy);
      setChild(node, key, copy);
    }
    node = copy;
  }
  switch (patch.op) {
    case "set": {
      const key = path[path.length - 1] as string | number;
      if (Array.isArray(node) && (typeof key !== "number" || key < 0 || key >= node.length)) {
        throw new PatchError(`set: list index ${JSON.stringify(key)} out of range`);
      }
      setChild(node, key, cloneValue(patch.value));
      return;
    }
    case "del": {
      const key = path[path.length - 1] as string | number;
      if (Array.isArray(node)) throw new PatchError("del: path points into a list; use rm");
      delete node[String(key)];
      return;
    }
    case "ins": {
      if (!Array.isArray(node)) throw new PatchError(`ins: ${JSON.stringify(path)} is not a list`);
      if (patch.index < 0 || patch.index > node.length) {
        throw new PatchError(`ins: index ${patch.index} out of range 0-${node.length}`);
      }
      node.splice(patch.index, 0, cloneValue(patch.value));
      return;
    }
    case "rm": {
      if (!Array.isArray(node)) throw new PatchError(`rm: ${JSON.stringify(path)} is not a list`);
      if (patch.index < 0 || patch.index >= node.length) {
        throw new PatchError(`rm: index ${patch.index} out of range 0-${node.length - 1}`);
      }
      node.splice(patch.index, 1);
      return;
    }
    default: {
      const never: never = patch;
      throw new PatchError(`unknown patch ${JSON.stringify(never)}`);
    }
  }
}

/**
 * Apply `patches` in order and return the new document. `doc` is never mutated: containers on
 * the changed paths are copied, everything else is shared structurally with `doc`.
 * Throws PatchError when a patch does not fit the document (the caller should resync).
 */
export function applyPatches<T>(doc: T, patches: readonly Patch[]): T {
  if (!isContainer(doc)) throw new PatchError("document is not an object");
  const owned = new WeakSet<object>();
  const root = shallowClone(doc);
  owned.add(root);
  for (const patch of patches) applyOne(root, patch, owned);
  return root as T;
}

/** What part of the grid a patch touches, for targeted re-rendering. */
export type PatchScope =
  | { kind: "cell"; lane: string; step: string }
  | { kind: "lane-cells"; lane: string }
  | { kind: "title" }
  | { kind: "state" }
  | { kind: "stage-name"; stageIndex: number }
  | { kind: "meta" }
  | { kind: "connections" }
  | { kind: "structure" };

export function patchScope(patch: Patch): PatchScope {
  const p = patch.path;
  const head = p[0];
  if (head === "cells") {
    const lane = p[1];
    const step = p[2];
    if (typeof lane === "string" && typeof step === "string") return { kind: "cell", lane, step };
    if (typeof lane === "string" && p.length === 2 && (patch.op === "set" || patch.op === "del")) {
      return { kind: "lane-cells", lane };
    }
    return { kind: "structure" };
  }
  if (head === "connections") return { kind: "connections" };
  if (head === "annotations") {
    const lane = p[1];
    const step = p[2];
    if (typeof lane === "string" && typeof step === "string") return { kind: "cell", lane, step };
    // A lane's (empty or removed) annotation row: its cells show the change.
    if (typeof lane === "string" && p.length === 2) return { kind: "lane-cells", lane };
    return { kind: "structure" };
  }
  if (p.length === 1 && head === "title" && patch.op === "set") return { kind: "title" };
  if (p.length === 1 && head === "state" && patch.op === "set") return { kind: "state" };
  if (p.length === 1 && (head === "description" || head === "scenario")) return { kind: "meta" };
  if (
    head === "stages" &&
    p.length === 3 &&
    typeof p[1] === "number" &&
    p[2] === "name" &&
    patch.op === "set"
  ) {
    return { kind: "stage-name", stageIndex: p[1] };
  }
  return { kind: "structure" };
}
