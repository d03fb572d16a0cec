import { z } from 'zod';

/**
 * The structural diff of two process definitions, for the designer's "what changed since version N" and the API's
 * `GET /api/templates/:key/diff`. Pure and isomorphic (zod only), so the browser computes the same diff while the
 * user edits. Drafts may be invalid, so the inputs are any JSON: whatever is not shaped like a definition is still
 * compared, never refused.
 *
 * - nodes match by `id`, edges by `(from, outcome)`, roles and variables by `key`;
 * - field changes are dotted paths relative to the item (`config.sla.within`, `title.zh`); elements of lists whose
 *   items carry a unique `key`, `value` or `id` are addressed by it (`config.outcomes[resolved].label.zh`), and a
 *   changed order of such a list is the change `<list>#order` with the two orders of keys;
 * - a node's `position` is never a field change: moves are listed in `nodes.moved`, so a layout tweak does not drown
 *   the changes that alter behaviour.
 */

/** One changed value: `from` is absent when the value was added, `to` when it was removed. */
export const FieldChange = z.object({
  path: z.string(),
  from: z.unknown().optional(),
  to: z.unknown().optional(),
});
export type FieldChange = z.infer<typeof FieldChange>;

/** The field changes of one item that exists on both sides. */
export const ItemChanges = z.object({ id: z.string(), changes: z.array(FieldChange) });
export type ItemChanges = z.infer<typeof ItemChanges>;

/** Items only in the second definition, only in the first, and on both sides but different. */
export const CollectionDiff = z.object({
  added: z.array(z.unknown()),
  removed: z.array(z.unknown()),
  changed: z.array(ItemChanges),
});
export type CollectionDiff = z.infer<typeof CollectionDiff>;

/** A node whose position changed (it may have other changes too, listed in `changed`). */
export const NodeMove = z.object({ id: z.string(), from: z.unknown().optional(), to: z.unknown().optional() });
export type NodeMove = z.infer<typeof NodeMove>;

export const NodeDiff = CollectionDiff.extend({ moved: z.array(NodeMove) });
export type NodeDiff = z.infer<typeof NodeDiff>;

/** An edge leaving the same node through the same outcome on both sides, but different (usually: another `to`). */
export const EdgeChange = z.object({ from: z.string(), outcome: z.string(), changes: z.array(FieldChange) });
export type EdgeChange = z.infer<typeof EdgeChange>;

export const EdgeDiff = z.object({
  added: z.array(z.unknown()),
  removed: z.array(z.unknown()),
  changed: z.array(EdgeChange),
});
export type EdgeDiff = z.infer<typeof EdgeDiff>;

/** Everything that differs between two definitions; `identical` when nothing does (moves included). */
export const DefinitionDiff = z.object({
  identical: z.boolean(),
  /** Top-level fields other than the four lists: `name.zh`, `description`, `key`, `schemaVersion` … */
  fields: z.array(FieldChange),
  nodes: NodeDiff,
  edges: EdgeDiff,
  roles: CollectionDiff,
  variables: CollectionDiff,
});
export type DefinitionDiff = z.infer<typeof DefinitionDiff>;

type JsonObject = Record<string, unknown>;

const listFields = ['nodes', 'edges', 'roles', 'variables'] as const;
const elementIdentityFields = ['key', 'value', 'id'] as const;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Structural equality of JSON values (object key order does not matter; a missing key equals `undefined`). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  }
  if (!isObject(a) || !isObject(b)) return false;
  return unionKeys(a, b).every((key) => jsonEqual(a[key], b[key]));
}

/** The keys of `a` in order, then those only `b` has. */
function unionKeys(a: JsonObject, b: JsonObject): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])];
}

function change(path: string, from: unknown, to: unknown): FieldChange {
  return { path, ...(from !== undefined && { from }), ...(to !== undefined && { to }) };
}

/** The field that identifies every element of both lists uniquely, if there is one. */
function identityField(a: readonly unknown[], b: readonly unknown[]): string | undefined {
  return elementIdentityFields.find((field) =>
    [a, b].every((list) => {
      const ids = list.map((item) => (isObject(item) ? item[field] : undefined));
      return ids.every((id) => typeof id === 'string') && new Set(ids).size === ids.length;
    }),
  );
}

/** Appends to `out` the changes turning `a` into `b`, under `path` ('' at the root of an item). */
function diffValues(path: string, a: unknown, b: unknown, out: FieldChange[]): void {
  if (jsonEqual(a, b)) return;
  const at = (segment: string) => (path === '' ? segment : `${path}.${segment}`);
  if (isObject(a) && isObject(b)) {
    for (const key of unionKeys(a, b)) diffValues(at(key), a[key], b[key], out);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const field = identityField(a, b);
    if (field) {
      diffKeyedList(path, field, a, b, out);
    } else {
      for (let index = 0; index < Math.max(a.length, b.length); index += 1)
        diffValues(at(String(index)), a[index], b[index], out);
    }
    return;
  }
  out.push(change(path, a, b));
}

function diffKeyedList(path: string, field: string, a: readonly unknown[], b: readonly unknown[], out: FieldChange[]) {
  const idOf = (item: unknown) => (isObject(item) ? String(item[field]) : '');
  const before = new Map(a.map((item) => [idOf(item), item]));
  const after = new Map(b.map((item) => [idOf(item), item]));
  for (const [id, item] of before) diffValues(`${path}[${id}]`, item, after.get(id), out);
  for (const [id, item] of after) if (!before.has(id)) out.push(change(`${path}[${id}]`, undefined, item));
  const commonBefore = [...before.keys()].filter((id) => after.has(id));
  const commonAfter = [...after.keys()].filter((id) => before.has(id));
  if (commonBefore.some((id, index) => commonAfter[index] !== id)) {
    out.push(change(`${path}#order`, commonBefore, commonAfter));
  }
}

/** The elements of one list field, by identity; duplicates and unidentifiable elements get `#n` suffixes or ids. */
function indexList(value: unknown, identify: (item: JsonObject) => string | undefined): Map<string, unknown> {
  const items = new Map<string, unknown>();
  if (!Array.isArray(value)) return items;
  value.forEach((item, index) => {
    const base = (isObject(item) && identify(item)) || `#${index}`;
    let id = base;
    for (let copy = 2; items.has(id); copy += 1) id = `${base}#${copy}`;
    items.set(id, item);
  });
  return items;
}

function without(item: unknown, fields: readonly string[]): unknown {
  if (!isObject(item)) return item;
  return Object.fromEntries(Object.entries(item).filter(([key]) => !fields.includes(key)));
}

interface MatchedLists {
  added: unknown[];
  removed: unknown[];
  both: { id: string; before: unknown; after: unknown }[];
}

function matchLists(a: unknown, b: unknown, identify: (item: JsonObject) => string | undefined): MatchedLists {
  const before = indexList(a, identify);
  const after = indexList(b, identify);
  return {
    added: [...after].filter(([id]) => !before.has(id)).map(([, item]) => item),
    removed: [...before].filter(([id]) => !after.has(id)).map(([, item]) => item),
    both: [...before].filter(([id]) => after.has(id)).map(([id, item]) => ({ id, before: item, after: after.get(id) })),
  };
}

function itemChanges(before: unknown, after: unknown, ignored: readonly string[]): FieldChange[] {
  const changes: FieldChange[] = [];
  diffValues('', without(before, ignored), without(after, ignored), changes);
  return changes;
}

const stringField = (field: string) => (item: JsonObject) =>
  typeof item[field] === 'string' ? String(item[field]) : undefined;

function diffCollection(a: unknown, b: unknown, field: string): CollectionDiff {
  const { added, removed, both } = matchLists(a, b, stringField(field));
  const changed = both
    .map(({ id, before, after }) => ({ id, changes: itemChanges(before, after, []) }))
    .filter((item) => item.changes.length > 0);
  return { added, removed, changed };
}

function diffNodes(a: unknown, b: unknown): NodeDiff {
  const { added, removed, both } = matchLists(a, b, stringField('id'));
  const changed: ItemChanges[] = [];
  const moved: NodeMove[] = [];
  for (const { id, before, after } of both) {
    const changes = itemChanges(before, after, ['position']);
    if (changes.length > 0) changed.push({ id, changes });
    const from = isObject(before) ? before.position : undefined;
    const to = isObject(after) ? after.position : undefined;
    if (!jsonEqual(from, to)) moved.push({ id, ...(from !== undefined && { from }), ...(to !== undefined && { to }) });
  }
  return { added, removed, changed, moved };
}

function edgeIdentity(item: JsonObject): string | undefined {
  const { from, outcome } = item;
  return typeof from === 'string' && typeof outcome === 'string' ? JSON.stringify([from, outcome]) : undefined;
}

function diffEdges(a: unknown, b: unknown): EdgeDiff {
  const { added, removed, both } = matchLists(a, b, edgeIdentity);
  const changed: EdgeChange[] = [];
  for (const { before, after } of both) {
    const changes = itemChanges(before, after, ['from', 'outcome']);
    // Matched by identity, so both are objects with string `from` and `outcome`.
    if (changes.length > 0 && isObject(after)) {
      changed.push({ from: String(after.from), outcome: String(after.outcome), changes });
    }
  }
  return { added, removed, changed };
}

/** A list field that is present but not a list is itself a field change (its items cannot be matched). */
function malformedLists(a: JsonObject, b: JsonObject): FieldChange[] {
  return listFields
    .filter((field) => [a[field], b[field]].some((value) => value !== undefined && !Array.isArray(value)))
    .filter((field) => !jsonEqual(a[field], b[field]))
    .map((field) => change(field, a[field], b[field]));
}

/**
 * What changed from definition `a` to definition `b` (either may be an invalid draft; a non-object counts as `{}`).
 * See the module comment for how items are matched and paths are written. Compare like with like: published versions
 * are stored as parsed (zod defaults filled in, e.g. `form: []`), so parse a draft with `ProcessDefinition` when it
 * parses before diffing it against a version, as `GET /api/templates/:key/diff` does.
 */
export function diffDefinitions(a: unknown, b: unknown): DefinitionDiff {
  const before = isObject(a) ? a : {};
  const after = isObject(b) ? b : {};
  const fields: FieldChange[] = [];
  for (const key of unionKeys(before, after)) {
    if (!(listFields as readonly string[]).includes(key)) diffValues(key, before[key], after[key], fields);
  }
  fields.push(...malformedLists(before, after));
  const nodes = diffNodes(before.nodes, after.nodes);
  const edges = diffEdges(before.edges, after.edges);
  const roles = diffCollection(before.roles, after.roles, 'key');
  const variables = diffCollection(before.variables, after.variables, 'key');
  const identical =
    fields.length === 0 &&
    [nodes, edges, roles, variables].every((d) => d.added.length + d.removed.length + d.changed.length === 0) &&
    nodes.moved.length === 0;
  return { identical, fields, nodes, edges, roles, variables };
}
