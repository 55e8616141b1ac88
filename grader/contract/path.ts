/**
 * Is a required recurrent layer on the path from the input to the output? Read off the
 * validated topology: in a Sequential model every layer is; in a functional one, the layers
 * the output depends on (following inbound nodes back from the output layers). A layer
 * "holds" a class when it is that layer, an RNN over that cell (or stacked cells), a
 * wrapper around one (Bidirectional, TimeDistributed), or a nested model with one on its path.
 */

// Keys as the gate passes them on: in tfjs's camelCase form (contract/description.ts).
type Node = { className?: unknown; name?: unknown; config?: unknown; inboundNodes?: unknown };
type Config = { layers?: unknown; layer?: unknown; cell?: unknown; cells?: unknown; outputLayers?: unknown; name?: unknown };

const asNode = (v: unknown): Node => (v && typeof v === "object" ? (v as Node) : {});
const asConfig = (v: unknown): Config => (v && typeof v === "object" ? (v as Config) : {});
const MODEL = new Set(["Sequential", "Model", "Functional"]);
/** Names are strings in any model tfjs rebuilt; anything else names nothing. */
const text = (v: unknown): string => (typeof v === "string" ? v : "\u0000not a name");
const nameOf = (l: Node): string => text(l.name ?? asConfig(l.config).name);

function cellHolds(cell: unknown, className: string): boolean {
  const c = asNode(cell);
  if (c.className === `${className}Cell`) return true;
  if (c.className === "StackedRNNCells") {
    const cells = asConfig(c.config).cells;
    return Array.isArray(cells) && cells.some((inner) => cellHolds(inner, className));
  }
  return false;
}

function holds(entry: unknown, className: string): boolean {
  const node = asNode(entry);
  const config = asConfig(node.config);
  if (node.className === className) return true;
  if (typeof node.className === "string" && MODEL.has(node.className)) return modelHoldsOnPath(node, className);
  if (config.cell && cellHolds(config.cell, className)) return true;
  if (config.layer) return holds(config.layer, className);
  return false;
}

/** Names of the layers the model's outputs depend on. */
function layersOnPath(layers: Node[], outputs: unknown): Set<string> {
  const byName = new Map(layers.map((l) => [nameOf(l), l]));
  const onPath = new Set<string>();
  const stack = Array.isArray(outputs) ? outputs.map((o) => text(Array.isArray(o) ? o[0] : o)) : [];
  while (stack.length) {
    const name = stack.pop()!;
    if (onPath.has(name)) continue;
    onPath.add(name);
    const inbound = byName.get(name)?.inboundNodes;
    if (!Array.isArray(inbound)) continue;
    for (const call of inbound) {
      if (!Array.isArray(call)) continue;
      for (const input of call) if (Array.isArray(input)) stack.push(text(input[0]));
    }
  }
  return onPath;
}

export function modelHoldsOnPath(topology: unknown, className: string): boolean {
  const root = asNode(topology);
  // Sequential configs come as { layers } (or, in old files, as the list itself).
  const config = Array.isArray(root.config) ? { layers: root.config } : asConfig(root.config);
  const layers = Array.isArray(config.layers) ? config.layers.map(asNode) : [];
  if (root.className === "Sequential") return layers.some((l) => holds(l, className));
  const onPath = layersOnPath(layers, config.outputLayers);
  return layers.some((l) => onPath.has(nameOf(l)) && holds(l, className));
}
